import { expect, test, type APIRequestContext } from '@playwright/test';
import { AdminPage } from './pages/admin-page';
import { SignInPage } from './pages/sign-in-page';
import { SiteHeader } from './pages/site-header';
// The offline app is started with this ADMIN_TOKEN and samples metrics every second (playwright.config.ts).
import { ADMIN_TOKEN, OWNER, SIGNED_OUT } from './servers';

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

test.describe('signed out', () => {
  test.use(SIGNED_OUT);

  test('the admin page sends a visitor to sign in first, and /metrics wants the admin token', async ({ page, request }) => {
    const admin = new AdminPage(page);
    const signIn = new SignInPage(page);

    await test.step('the metrics endpoint refuses an anonymous scraper', async () => {
      const anonymous = await request.get('/metrics');
      expect(anonymous.status()).toBe(401);
    });

    await test.step('the admin page shows no data, only the sign-in form', async () => {
      await page.goto('/admin');
      await signIn.expectShown('/admin');
      await expect(admin.charts).toHaveCount(0);
      await expect(admin.maintenanceRows).toHaveCount(0);
      await page.screenshot({ path: 'test-results/sign-in.png', fullPage: true });
    });

    await test.step('an administrator signing in is brought back to the dashboard', async () => {
      await signIn.signIn(OWNER);
      await expect(page).toHaveURL(/\/admin$/);
      await expect(admin.heading).toBeVisible();
    });
  });
});

test('an administrator opens Admin, watches live charts and runs VACUUM ANALYZE', async ({ page, request }) => {
  test.setTimeout(120_000);
  const admin = new AdminPage(page);

  await test.step('the app has been in use', async () => {
    await makeTraffic(request);
    const scrape = await request.get('/metrics', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(scrape.status(), 'the admin token also opens /metrics').toBe(200);
  });

  await test.step('the administrator opens the Admin link', async () => {
    await page.goto('/');
    await new SiteHeader(page).link('Admin').click();
    await expect(page).toHaveURL(/\/admin$/);
    await expect(admin.heading).toBeVisible();
    // The first reads can take a while on a loaded machine.
    await expect(admin.updated).toContainText('Updated', { timeout: 20_000 });
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
});
