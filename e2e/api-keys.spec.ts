import { expect, test, type APIRequestContext } from '@playwright/test';
import { HARBOUR_HANDBOOK, ingestDocument } from './pages/chat-page';
import { SettingsPage } from './pages/settings-page';
import { SiteHeader } from './pages/site-header';
import { OWNER, SIGNED_OUT } from './servers';

/** A question from a script, as curl would send it: no cookies, only the key. */
const askWithKey = (script: APIRequestContext, key: string) =>
  script.post('/chat', {
    headers: { authorization: `Bearer ${key}` },
    data: { session_id: 'nightly-script', message: 'When is high water at the harbour?' },
  });

test('an API key made on Settings answers a script’s question, within its scopes, until it is revoked', async ({ page, request, playwright, baseURL }) => {
  await ingestDocument(request, HARBOUR_HANDBOOK);
  const script = await playwright.request.newContext({ baseURL, ...SIGNED_OUT });
  const settings = new SettingsPage(page);
  const name = `Nightly script ${Date.now()}`;

  let key = '';

  await test.step('the owner opens Settings from their menu and creates a key that may chat', async () => {
    await page.goto('/');
    await new SiteHeader(page).openSettings(OWNER.name);
    key = await settings.createApiKey(name, ['Chat']);
    await expect(settings.newKey).toContainText('it won’t be shown again');
    await expect(settings.keyRow(name)).toContainText(key.slice(0, 11));
    await expect(settings.keyRow(name)).toContainText('Never');
    await page.screenshot({ path: 'test-results/settings-new-key.png', fullPage: true });
  });

  await test.step('the script asks with it and gets an answer with sources', async () => {
    const answer = await askWithKey(script, key);
    expect(answer.status(), await answer.text()).toBe(200);
    const body = (await answer.json()) as { answer: string; sources: unknown[] };
    expect(body.answer).toContain('forty minutes after high water');
    expect(body.sources.length).toBeGreaterThan(0);
  });

  await test.step('outside its scopes it is refused', async () => {
    const ingest = await script.post('/ingest', { headers: { authorization: `Bearer ${key}` }, data: { text: 'Not allowed.' } });
    expect(ingest.status()).toBe(403);
    expect(await ingest.text()).toContain('“ingest” scope');
  });

  await test.step('after a reload the key itself is nowhere on the page, and it shows as used', async () => {
    await page.reload();
    await expect(settings.newKey).toHaveCount(0);
    await expect(page.getByText(key)).toHaveCount(0);
    await expect(settings.keyRow(name)).not.toContainText('Never');
  });

  await test.step('once revoked, the same request is turned away', async () => {
    await settings.revoke(name);
    const refused = await askWithKey(script, key);
    expect(refused.status()).toBe(401);
    expect(await refused.text()).toContain('not valid');
  });
  await script.dispose();
});
