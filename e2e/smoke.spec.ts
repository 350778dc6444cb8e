import { expect, test } from '@playwright/test';

test('the home page loads and shows the health of the system', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Chat with your documents' })).toBeVisible();
  await expect(page.getByTestId('health-status')).toHaveText('healthy');
  await expect(page.getByTestId('health-database')).toContainText('Embedded (PGlite) · up');
  await expect(page.getByTestId('health-chat')).toHaveText('Offline extractive answerer');
  await expect(page.getByTestId('health-embedding')).toHaveText('docent-hash-v1 (768 dims)');
  await expect(page.getByTestId('offline-notice')).toContainText('Offline mode');
  await page.screenshot({ path: 'test-results/home.png', fullPage: true });
});
