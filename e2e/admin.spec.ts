import { expect, test, type APIRequestContext } from '@playwright/test';
import { AdminPage } from './pages/admin-page';
// The offline app is started with this ADMIN_TOKEN and samples metrics every second (playwright.config.ts).
import { ADMIN_TOKEN } from './servers';

/** Real traffic for the charts to show: health checks, an ingested note and a chat question. */
async function makeTraffic(request: APIRequestContext) {
  for (let i = 0; i < 5; i += 1) expect((await request.get('/health')).ok()).toBe(true);
  const ingest = await request.post('/ingest', {
    data: {
      title: 'Operator handbook',
      text:
        'The night operator checks the admin page at the start of every shift. If the p95 latency stays above ' +
        'two seconds for ten minutes, run VACUUM ANALYZE and look at the slowest queries.',
    },
  });
  expect(ingest.ok(), await ingest.text()).toBe(true);
  const chat = await request.post('/chat', {
    data: { session_id: 'admin-e2e', message: 'When does the night operator check the admin page?' },
  });
  expect(chat.ok(), await chat.text()).toBe(true);
}

test('without the admin token, the admin page only offers a sign-in form', async ({ page, request }) => {
  const admin = new AdminPage(page);

  await test.step('the metrics endpoint refuses an anonymous scraper', async () => {
    const anonymous = await request.get('/metrics');
    expect([401, 403]).toContain(anonymous.status());
  });

  await test.step('the admin page shows a sign-in form and no data', async () => {
    await admin.goto();
    await admin.expectSignedOut();
    await expect(page.getByTestId('maintenance-row')).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Last hour', exact: true })).toHaveCount(0);
  });

  await test.step('a wrong token is turned away with an explanation', async () => {
    await admin.signIn('not-the-admin-token');
    await expect(admin.loginError).toBeVisible();
    await expect(admin.loginError).not.toBeEmpty();
    await expect(admin.tokenInput).toHaveAttribute('aria-invalid', 'true');
    await admin.expectSignedOut();
    await page.screenshot({ path: 'test-results/admin-login.png', fullPage: true });
  });

  await test.step('a reload still shows no data', async () => {
    await page.reload();
    await admin.expectSignedOut();
  });
});

test('an operator signs in, watches live charts and runs VACUUM ANALYZE', async ({ page, request }) => {
  test.setTimeout(120_000);
  const admin = new AdminPage(page);

  await test.step('the app has been in use', async () => {
    await makeTraffic(request);
    const scrape = await request.get('/metrics', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(scrape.status(), 'the admin token also opens /metrics').toBe(200);
  });

  await test.step('the operator opens the Admin link and signs in', async () => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await expect(admin.loginForm).toBeVisible();
    await admin.signIn(ADMIN_TOKEN);
    await admin.expectSignedIn();
    await expect(admin.heading).toBeVisible();
    await expect(admin.updated).toContainText('Updated');
  });

  await test.step('every chart is on the page', async () => {
    for (const name of ['requests', 'latency', 'errors', 'pool', 'cache', 'llm', 'tokens', 'cost'] as const) {
      await expect(admin.chart(name)).toBeVisible();
    }
  });

  await test.step('the request rate and latency charts draw the traffic as it is sampled', async () => {
    // More traffic while the samples come in, so several windows have requests in them.
    await makeTraffic(request);
    await admin.expectChartDrawn('requests');
    await admin.expectChartDrawn('latency');
    await expect(admin.stat('requests')).toHaveText(/^\d+(\.\d+)?$/);
    await expect(admin.stat('p95')).toHaveText(/\d.*m?s$/);
  });

  await test.step('the database overview lists the tables, the vector index and the ingestion queue', async () => {
    await expect(page.getByRole('heading', { name: 'Database', exact: true })).toBeVisible();
    await expect(page.getByTestId('tables-table').getByRole('row').nth(1)).toBeVisible();
    await expect(page.getByTestId('queue-failed')).toHaveText(/^\d+$/);
    await expect(page.getByTestId('vector-index').first()).toContainText(/hnsw/i);
  });

  await test.step('they run VACUUM ANALYZE and see that it succeeded', async () => {
    const row = admin.maintenanceRow('vacuum-analyze');
    await expect(row).toBeVisible();
    const outcome = await admin.runMaintenance('vacuum-analyze');
    await expect(outcome).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
    await expect(outcome).toContainText('Succeeded');
    await expect(outcome.getByTestId('maintenance-outcome-detail')).not.toBeEmpty();
    await expect(row.getByRole('button', { name: /^Run now\b/ })).toBeEnabled();
    // The overview is refreshed, so the row's "last run" now shows this run.
    await expect(row.getByTestId('maintenance-last-status')).toHaveText('Succeeded');
  });

  await page.screenshot({ path: 'test-results/admin.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/admin-dark.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });

  await test.step('on a phone the dashboard is one column', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const requests = await admin.chart('requests').boundingBox();
    const latency = await admin.chart('latency').boundingBox();
    expect(requests && latency && latency.y > requests.y, 'the latency chart sits below the request chart').toBe(true);
    await admin.expectChartDrawn('requests');
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth, 'nothing makes the page scroll sideways').toBeLessThanOrEqual(390);
    await page.screenshot({ path: 'test-results/admin-phone.png', fullPage: true });
  });

  await test.step('signing out hides the dashboard again', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await admin.signOutButton.click();
    await admin.expectSignedOut();
    await page.reload();
    await admin.expectSignedOut();
  });
});
