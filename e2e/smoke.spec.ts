import { expect, test } from '@playwright/test';

test('the home page loads and shows the health of the system', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Chat with your documents' })).toBeVisible();
  await expect(page.getByTestId('offline-notice')).toContainText('Offline mode');

  // The system's health sits behind the status indicator at the foot of the sidebar.
  await page.getByRole('button', { name: /System status/ }).click();
  const status = page.getByRole('dialog', { name: 'About this Docent' });
  await expect(status.getByTestId('health-status')).toHaveText('healthy');
  await expect(status.getByTestId('health-database')).toContainText('Embedded (PGlite) · up');
  await expect(status.getByTestId('health-chat')).toHaveText('Offline extractive answerer');
  await expect(status.getByTestId('health-embedding')).toHaveText('docent-hash-v1 (768 dims)');
  await expect(status.getByTestId('health-version')).not.toBeEmpty();
  await page.screenshot({ path: 'test-results/home.png', fullPage: true });
  await page.keyboard.press('Escape');
  await expect(status).toBeHidden();
});
