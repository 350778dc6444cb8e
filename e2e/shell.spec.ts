import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { AdminPage } from './pages/admin-page';
import { ChatPage } from './pages/chat-page';
import { inEachLook, inOneLook } from './pages/looks';
import { SiteHeader } from './pages/site-header';
import { OFFLINE_APP_URL } from './servers';

/** Uploads a file that claims to be a PDF and is not: Docent accepts it, then fails to read it. */
async function uploadBrokenPdf(request: APIRequestContext): Promise<{ id: string; title: string }> {
  const name = `broken-${randomUUID().slice(0, 8)}.pdf`;
  const response = await request.post('/api/documents/upload', {
    headers: { origin: OFFLINE_APP_URL },
    multipart: { file: { name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.7\n${randomUUID()} this is not a PDF at all\n%%EOF`) } },
  });
  expect(response.status(), await response.text()).toBe(202);
  const { documents } = (await response.json()) as { documents: Array<{ document_id: string; title?: string }> };
  const id = documents[0]!.document_id;
  await expect
    .poll(async () => ((await (await request.get(`/documents/${id}`)).json()) as { status: string }).status, {
      message: `${name} fails to be read`,
      timeout: 30_000,
    })
    .toBe('failed');
  const details = (await (await request.get(`/documents/${id}`)).json()) as { title: string };
  return { id, title: details.title };
}

/** Makes every tRPC call fail as if the server were down, until `restore` is called. */
async function takeApiDown(page: Page, how: 'unreachable' | 'internal') {
  await page.route('**/api/trpc/**', (route) => {
    if (how === 'unreachable') return route.abort('connectionrefused');
    // What a crashing procedure sends: tRPC's own error, with the jargon a person must never read.
    const calls = new URL(route.request().url()).pathname.split('/').pop()!.split(',').length;
    const error = { error: { json: { message: 'internal', code: -32603, data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 } } } };
    return route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify(Array(calls).fill(error)) });
  });
  return () => page.unroute('**/api/trpc/**');
}

/**
 * Waits for `expectation` while moving the page's clock on two seconds at a time: the query client retries a
 * failed read 1, 2 and 4 s apart and then polls every 5 s (app/_trpc/query-client.ts), and a story that waited
 * that out in real time spent most of its 45 s doing so. Needs `page.clock.install()` before the page opens.
 */
async function skippingBackOff(page: Page, expectation: () => Promise<void>) {
  await expect(async () => {
    await page.clock.fastForward(2_000);
    await expectation();
  }).toPass({ intervals: [100], timeout: 30_000 });
}

const JARGON = /internal|Missing result|INTERNAL_SERVER_ERROR|Failed to fetch|TRPCClientError|\bat \w+ \(/;

inEachLook((look) => {
  const phone = look.viewport.width < 600;

  test('the theme switch is remembered across a reload, and System follows the device again', async ({ page }, testInfo) => {
    const header = new SiteHeader(page);
    await page.goto('/documents');
    const systemDark = look.colorScheme === 'dark';
    expect(await header.isDark(), 'with no choice, the device’s scheme').toBe(systemDark);
    const systemBackground = await header.background();

    const opposite = systemDark ? 'Light' : 'Dark';
    await header.chooseTheme(opposite);
    expect(await header.isDark()).toBe(!systemDark);
    expect(await header.background(), 'the page is drawn in the chosen theme').not.toBe(systemBackground);

    await page.reload();
    await expect(header.themeButton).toHaveAccessibleName(`Theme: ${opposite}`);
    expect(await header.isDark(), 'still the chosen theme after a reload').toBe(!systemDark);
    await page.screenshot({ path: testInfo.outputPath(`theme-${opposite.toLowerCase()}.png`), fullPage: true });

    await header.chooseTheme('System');
    expect(await header.isDark()).toBe(systemDark);
    await page.reload();
    expect(await header.isDark()).toBe(systemDark);
    expect(await header.background()).toBe(systemBackground);
  });

  test('the first Tab reaches “Skip to content”, which moves focus to the page’s content', async ({ page }) => {
    const header = new SiteHeader(page);
    await page.goto('/documents');
    await page.keyboard.press('Tab');
    await expect(header.skipLink).toBeFocused();
    await expect(header.skipLink).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(header.main).toBeFocused();
    // The next Tab goes on from the content, not back through the header.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('main')))).toBe(true);
  });

  test('the header is one row on every page, and the chat opens with the composer ready', async ({ page }, testInfo) => {
    test.setTimeout(60_000);
    const header = new SiteHeader(page);
    const chat = new ChatPage(page);
    await chat.goto();
    if (!phone) await expect(chat.composer).toBeFocused();

    for (const path of ['/', '/documents', '/admin']) {
      await page.goto(path);
      await expect(header.nav).toBeVisible();
      const box = (await header.header.boundingBox())!;
      expect(box.height, `${path}: one compact row`).toBeLessThanOrEqual(49);
      const controls = await header.controlBoxes();
      expect(controls.length).toBeGreaterThanOrEqual(4);
      for (const control of controls) {
        expect(control.top, `${path}: ${control.name} sits in the row`).toBeGreaterThanOrEqual(box.y);
        expect(control.bottom, `${path}: ${control.name} sits in the row`).toBeLessThanOrEqual(box.y + box.height);
        expect(control.right, `${path}: ${control.name} fits the width`).toBeLessThanOrEqual(look.viewport.width);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(look.viewport.width);
    }

    await page.goto('/');
    if (phone) await expect(page.getByRole('button', { name: 'Show conversations' })).toBeVisible();
    await header.offlineBadge.click();
    await expect(header.offlineDetails).toBeVisible();
    await expect(header.offlineDetails).toContainText('OPENAI_API_KEY');
    await page.screenshot({ path: testInfo.outputPath('header-offline-details.png') });
    await page.keyboard.press('Escape');
    await expect(header.offlineDetails).toBeHidden();
  });
});

// What a person reads (the server down, the admin's numbers, a failed ingestion) is the point of these stories, not
// the layout: the stories above and the accessibility spec lay these pages out in every look. Spread over both looks.
inOneLook('desktop, light', () => {
  test('when the server stops answering, the page says so in plain words with Retry, and fills again once it is back', async ({ page }, testInfo) => {
    test.setTimeout(90_000);
    const admin = new AdminPage(page);
    const chat = new ChatPage(page);

    await page.clock.install();
    await test.step('the server cannot be reached: the admin page says what happened and offers Retry', async () => {
      const restore = await takeApiDown(page, 'unreachable');
      await admin.goto();
      const problem = page.getByTestId('error-message').first();
      await skippingBackOff(page, () => expect(problem).toContainText('can’t be reached', { timeout: 500 }));
      await expect(problem.getByRole('button', { name: 'Retry' })).toBeVisible();
      await expect(page.locator('main')).not.toContainText(JARGON);
      await page.screenshot({ path: testInfo.outputPath('server-unreachable.png'), fullPage: true });

      // The server answers "internal" now: the page still speaks plainly.
      await restore();
      const restoreInternal = await takeApiDown(page, 'internal');
      await problem.getByRole('button', { name: 'Retry' }).click();
      // After its own few retries, the failure is told as the server's, still without the server's jargon.
      const serverProblem = page.getByTestId('error-message').filter({ hasText: 'Something went wrong on Docent’s server' }).first();
      await skippingBackOff(page, () => expect(serverProblem).toBeVisible({ timeout: 500 }));
      await expect(page.locator('main')).not.toContainText(JARGON);

      await restoreInternal();
      await skippingBackOff(page, async () => {
        await expect(admin.stat('requests'), 'the metrics come back without a reload').toBeVisible({ timeout: 500 });
        await expect(page.getByTestId('error-message')).toHaveCount(0, { timeout: 500 });
      });
    });

    await test.step('the chat’s pickers, stuck on “Loading…” while the server was down, fill once it answers', async () => {
      const restore = await takeApiDown(page, 'unreachable');
      await chat.goto();
      await expect(chat.vaultPicker).toBeDisabled();
      await page.waitForTimeout(2_000);
      await restore();
      await skippingBackOff(page, () => expect(chat.vaultPicker, 'the vaults load without a reload').toBeEnabled({ timeout: 500 }));
      await expect(chat.vaultPicker.locator('option').first()).toHaveText(/^All vaults/);
    });
  });

  test('the admin tiles read the same numbers as the charts they summarise', async ({ page, request }) => {
    test.setTimeout(90_000);
    const admin = new AdminPage(page);
    for (let i = 0; i < 10; i += 1) expect((await request.get('/health')).ok()).toBe(true);
    await admin.goto();
    await admin.expectChartDrawn('requests');

    for (const [tile, key] of [
      ['requests', 'requestsPerSecond'],
      ['p95', 'latencyP95'],
      ['errors', 'errorPercent'],
    ] as const) {
      const { value, series, text } = await admin.tileAndSeries(tile, key);
      const last = series.filter((point) => point != null).at(-1) ?? null;
      expect(value, `the ${tile} tile (${text}) is the chart’s last point`).toBe(last);
      expect(series.at(-1), 'the chart ends at a sample, not a gap').not.toBeUndefined();
    }
    // The latency chart is a line while traffic keeps coming: no isolated dots between gaps.
    const { series } = await admin.tileAndSeries('p95', 'latencyP95');
    const drawn = series.slice(-5);
    expect(drawn.every((point) => point != null), `the last five latency points: ${JSON.stringify(drawn)}`).toBe(true);
  });
});

inOneLook('phone, dark', () => {
  test('a failed ingestion on the admin page links to the document that failed', async ({ page, request }) => {
    const admin = new AdminPage(page);
    const broken = await uploadBrokenPdf(request);
    await admin.goto();
    await expect(admin.failedCount().getByRole('link')).toBeVisible({ timeout: 20_000 });
    await expect(admin.failedCount().getByRole('link')).toHaveAttribute('href', /^\/documents(\/[0-9a-f-]+|\?status=failed)$/);
    await expect(admin.failedDocument(broken.title)).toHaveAttribute('href', `/documents/${broken.id}`);
    await expect(admin.failedDocument(broken.title).locator('xpath=..')).not.toContainText(JARGON);
  });
});
