import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { AdminPage } from './pages/admin-page';
import { ChatPage, HARBOUR_HANDBOOK, ingestDocument } from './pages/chat-page';
import { inEachLook, inOneLook, type Look } from './pages/looks';
import { FAKE_MODEL_URL, ON_MODEL_APP } from './servers';

/** Steers the fake model server (the only fake in these tests) through its control endpoints. */
const fakeModel = {
  reply: (request: APIRequestContext, text: string | null) => request.post(`${FAKE_MODEL_URL}/_control/reply`, { data: { text } }),
  failNext: (request: APIRequestContext, faults: unknown[]) =>
    request.post(`${FAKE_MODEL_URL}/_control/fail-next`, { data: { route: 'chat', faults } }),
};

/** Questions no other story asks (the response cache would answer a repeated one at once), per look. */
const unique = (text: string) => `${text} #${Math.random().toString(36).slice(2, 8)}`;

/** Collects the page's Content-Security-Policy violations. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

// Several turns per story on a shared two-core machine: more than the default 30 s.
test.describe.configure({ timeout: 90_000 });

function withTheModelServer(): void {
  test.use(ON_MODEL_APP);
  test.beforeEach(async ({ request }) => {
    await ingestDocument(request, HARBOUR_HANDBOOK);
  });
  test.afterEach(async ({ request }) => {
    await fakeModel.reply(request, null);
  });
}

const shotIn = (look: Look) => (chat: ChatPage, name: string) => chat.screenshot(`${name}-${look.colorScheme}-${look.viewport.width}`);

// Message actions sit under each message on a laptop and reach a thumb on a phone; code is coloured per theme.
inEachLook((look) => {
  const shot = shotIn(look);
  test.describe('with a model server behind the app', () => {
    withTheModelServer();

    test('a person copies a question, edits it into a new branch, then flips back to the first one', async ({ page, context }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      const chat = new ChatPage(page);
      await chat.goto();
      const first = unique('Where is the lifeboat kept?');
      await chat.ask(first);
      await chat.expectAnswered();
      await chat.expectStored();
      const question = chat.questions.first();

      await test.step('Copy puts the question on the clipboard', async () => {
        await question.getByRole('button', { name: 'Copy question' }).click();
        await expect(question.getByRole('button', { name: 'Copied question' })).toBeVisible();
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first);
      });

      const edited = unique('Who crews the lifeboat?');
      await test.step('editing the question and sending it answers the new question in a branch of its own', async () => {
        await chat.editQuestion(question, edited);
        await chat.expectAnswered();
        await chat.expectStored();
        await expect(chat.userMessages).toHaveText([edited]);
        await expect(chat.answerText()).toContainText(`Fake answer: ${edited}`);
        await expect(chat.versions(question).position).toHaveText('2/2');
        await shot(chat, 'chat-branches');
      });

      await test.step('the earlier branch is one click away, answer included, and survives a reload', async () => {
        await chat.versions(question).previous.click();
        await expect(chat.userMessages).toHaveText([first]);
        await expect(chat.answerText()).toContainText(`Fake answer: ${first}`);
        await expect(chat.versions(question).position).toHaveText('1/2');
        await page.reload();
        await expect(chat.userMessages).toHaveText([first]);
        await chat.versions(chat.questions.first()).next.click();
        await expect(chat.userMessages).toHaveText([edited]);
      });
    });

    test('code in an answer is highlighted and copied, with no CSP violation', async ({ page, request, context }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      const violations = watchCsp(page);
      await fakeModel.reply(request, ['Run this [1]:', '', '```ts', 'const tide: number = 40; // minutes', '```'].join('\n'));
      const chat = new ChatPage(page);
      await chat.goto();
      await chat.ask(unique('How do I compute the tide delay?'));
      await chat.expectAnswered();
      const code = chat.answerText().getByTestId('highlighted-code');
      await expect(code).toHaveText('const tide: number = 40; // minutes');
      // Keywords and comments get colours of their own.
      const colours = await code.locator('span span').evaluateAll((spans) => new Set(spans.map((s) => getComputedStyle(s).color)).size);
      expect(colours).toBeGreaterThan(2);
      await chat.answerText().getByRole('button', { name: 'Copy code' }).click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('const tide: number = 40; // minutes');
      expect(violations).toEqual([]);
      await shot(chat, 'chat-code');
    });
  });
});

// Behaviour stories, laid out in every look by the stories above and by the accessibility spec.
inOneLook('desktop, light', (look) => {
  const shot = shotIn(look);
  test.describe('with a model server behind the app', () => {
    withTheModelServer();

    test('a thumbs down with a comment is counted on the admin page', async ({ page, request }) => {
      const chat = new ChatPage(page);
      await chat.goto();
      await chat.ask(unique('When is the harbour office open?'));
      await chat.expectAnswered();
      await chat.expectStored();
      const comment = `Missed the opening hours (${look.name})`;
      await chat.rate(chat.lastAnswer, 'down', comment);
      await page.reload();
      await expect(chat.lastAnswer.getByRole('button', { name: 'Bad answer' })).toHaveAttribute('aria-pressed', 'true');

      const admin = new AdminPage(page);
      await admin.goto();
      await expect(admin.feedbackCount('down')).not.toHaveText('0');
      await expect(admin.feedbackComments().filter({ hasText: comment })).toHaveCount(1);
      const exported = await request.get('/api/feedback/export');
      expect(exported.ok()).toBe(true);
      const lines = (await exported.text()).trim().split('\n').map((line) => JSON.parse(line) as { comment: string; verdict: string });
      expect(lines.find((line) => line.comment === comment)).toMatchObject({ verdict: 'down' });
    });
  });

  test.describe('uploading from the chat', () => {
    test('a file dropped onto the chat is uploaded into its vault and ends ready', async ({ page }) => {
      const chat = new ChatPage(page);
      await chat.goto();
      const name = `ferry-${look.colorScheme}-${Date.now()}.md`;
      await chat.dropFile({ name, mimeType: 'text/markdown', text: `# Ferry times ${look.name}\n\nThe ferry leaves at ${Date.now() % 97} past the hour.` });
      const row = chat.uploadRow(name);
      await expect(row.getByTestId('upload-state')).toHaveText('Ready', { timeout: 30_000 });
      await shot(chat, 'chat-upload');
    });

    test('an empty vault says it is empty and points to uploading', async ({ page, request }) => {
      const name = `Empty ${look.colorScheme} ${Date.now()}`;
      const created = await request.post('/vaults', { data: { name } });
      expect(created.ok(), await created.text()).toBe(true);
      const chat = new ChatPage(page);
      await chat.goto();
      await chat.chooseVault(name);
      await expect(chat.vaultPicker.locator('option:checked')).toHaveText(`${name} (0 documents)`);
      await chat.ask('What is in here?');
      await chat.expectAnswered();
      await expect(chat.answerText()).toContainText(`The vault “${name}” is empty`);
      await expect(chat.answerText().getByRole('link', { name: 'Upload documents' })).toHaveAttribute('href', '/documents');
    });
  });
});

inOneLook('phone, dark', (look) => {
  const shot = shotIn(look);
  test.describe('with a model server behind the app', () => {
    withTheModelServer();

    test('Regenerate keeps the earlier answer as a version to flip back to', async ({ page, request }) => {
      const chat = new ChatPage(page);
      await chat.goto();
      await fakeModel.reply(request, 'The lifeboat is kept in the boathouse.');
      await chat.ask(unique('Where is the boathouse?'));
      await chat.expectAnswered();
      await chat.expectStored();
      await fakeModel.reply(request, 'Beside the slipway, in the boathouse.');
      await chat.lastAnswer.getByRole('button', { name: 'Regenerate' }).click();
      await chat.expectAnswered();
      await chat.expectStored();
      await expect(chat.answerText()).toHaveText('Beside the slipway, in the boathouse.');
      const versions = chat.versions(chat.lastAnswer);
      await expect(versions.position).toHaveText('2/2');
      await versions.previous.click();
      await expect(chat.answerText()).toHaveText('The lifeboat is kept in the boathouse.');
      await expect(versions.position).toHaveText('1/2');
      await expect(chat.answers).toHaveCount(1);
    });

    test('a question whose model call failed keeps its error after a reload, and Retry answers it', async ({ page, request }) => {
      await fakeModel.failNext(request, [500, 500, 500].map((status) => ({ kind: 'status', status })));
      const chat = new ChatPage(page);
      await chat.goto();
      const question = unique('Is the slipway open at night?');
      await chat.ask(question);
      const error = page.getByTestId('answer-error');
      await expect(error).toContainText('The model service failed (HTTP 500); try again later.');
      await page.reload();
      await expect(chat.userMessages).toHaveText([question], { timeout: 15_000 });
      await expect(error).toContainText('The model service failed (HTTP 500)');
      await error.getByRole('button', { name: 'Retry' }).click();
      await chat.expectAnswered();
      await expect(chat.answerText()).toContainText(`Fake answer: ${question}`);
    });
  });

  test.describe('uploading from the chat', () => {
    test('an image type Docent cannot read is refused with a message saying why; an empty file ends failed with its reason', async ({ page }) => {
      const chat = new ChatPage(page);
      await chat.goto();
      const gif = Buffer.from('GIF89a\u0001\u0000\u0001\u0000', 'latin1');
      await chat.attachFile({ name: 'scan.gif', mimeType: 'image/gif', buffer: gif });
      const image = chat.uploadRow('scan.gif');
      await expect(image.getByTestId('upload-state')).toHaveText('Not uploaded');
      await expect(image.getByTestId('upload-error')).toContainText('This kind of image (such as GIF or BMP) is not supported');

      await chat.attachFile({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('plain notes, not a picture') });
      await expect(chat.uploadRow('notes.png').getByTestId('upload-error')).toContainText('is named like a .png file but contains text');

      const emptyName = `empty-${look.colorScheme}.txt`;
      await chat.attachFile({ name: emptyName, mimeType: 'text/plain', buffer: Buffer.alloc(0) });
      const empty = chat.uploadRow(emptyName);
      await expect(empty.getByTestId('upload-state')).toHaveText('Failed', { timeout: 30_000 });
      await expect(empty.getByTestId('upload-error')).toContainText('This file is empty');
      await shot(chat, 'chat-upload-refused');
    });
  });
});
