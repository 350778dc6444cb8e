import { expect, test, type APIRequestContext } from '@playwright/test';
import { ChatPage, HARBOUR_HANDBOOK, ingestDocument } from './pages/chat-page';
import { FAKE_MODEL_URL, ON_MODEL_APP } from './servers';

const TIDE_QUESTION = 'When is high water at the harbour?';

test('a new chat shows where to start, and an empty library says where to add documents', async ({ page, request }) => {
  const { documents } = (await (await request.get('/documents')).json()) as { documents: unknown[] };
  const chat = new ChatPage(page);
  await chat.goto();

  await expect(page.getByRole('heading', { name: 'Chat with your documents' })).toBeVisible();
  await expect(chat.title).toHaveText('New chat');
  await expect(page.getByTestId('offline-notice')).toContainText('Offline mode');
  await expect(page.getByTestId('example-prompt')).toHaveCount(4);
  await expect(chat.composer).toBeFocused();
  await expect(chat.sendButton).toBeDisabled();

  // On a fresh server this spec finds the library empty; after other specs have added documents, no hint.
  const hint = page.getByTestId('library-empty');
  if (documents.length === 0) {
    await expect(hint).toContainText('Your library is empty');
    await expect(hint.getByRole('link', { name: 'Add documents' })).toHaveAttribute('href', '/documents');
  } else {
    await expect(page.getByTestId('example-prompt').first()).toBeVisible();
    await expect(hint).toHaveCount(0);
  }
  await chat.screenshot('chat-empty');
});

test.describe('with the harbour handbook in the library', () => {
  test.beforeEach(async ({ request }) => {
    await ingestDocument(request, HARBOUR_HANDBOOK);
  });

  // Watching an answer stream in, and stopping it, is tested with a model server that writes at reading pace
  // (below): the offline answerer writes its whole answer at once.
  test('a user asks a question and opens the cited passage', async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.goto();

    await test.step('they type a question and press Enter; the answer appears under it', async () => {
      await chat.ask(TIDE_QUESTION);
      await expect(chat.userMessages.last()).toHaveText(TIDE_QUESTION);
      await expect(chat.composer).toHaveValue('');
      // The new conversation's id is in the URL from its first question.
      await expect(page).toHaveURL(/\/\?session=[0-9a-f-]{36}$/);
      await chat.expectAnswered();
    });

    await test.step('the answer cites its source and says it was extracted offline', async () => {
      await expect(chat.answerText()).toContainText('forty minutes after high water at the lighthouse');
      await expect(chat.citationChips()).not.toHaveCount(0);
      await expect(chat.lastAnswer.getByTestId('badge-offline')).toHaveText('Offline answer');
      await expect(chat.lastAnswer.getByTestId('source-item').first()).toContainText(HARBOUR_HANDBOOK.title);
      // The sources it cites come first; any other passage retrieved is listed apart, as not cited.
      await expect(chat.lastAnswer.getByTestId('source-item').first()).toHaveAttribute('data-cited', 'true');
      await expect(chat.lastAnswer.getByRole('button', { name: 'Regenerate' })).toBeVisible();
      // The conversation is listed first, titled after its first question.
      const item = chat.session(chat.currentSessionId());
      await expect(item).toHaveAttribute('data-title', TIDE_QUESTION);
      await expect(chat.sessionItems.first()).toHaveAttribute('data-session-id', chat.currentSessionId());
      await expect(item.getByRole('link')).toHaveAttribute('aria-current', 'page');
      await expect(chat.title).toHaveText(TIDE_QUESTION);
    });

    await test.step('clicking the citation chip opens the cited passage beside the conversation', async () => {
      const chip = chat.citationChips().first();
      await chip.click();
      await expect(chat.sourcePanel).toBeVisible();
      await expect(chat.sourcePanel.getByTestId('source-title')).toContainText(HARBOUR_HANDBOOK.title);
      await expect(chat.sourcePanel.getByTestId('source-content')).toContainText(
        'High water at the harbour comes about forty minutes after high water at the lighthouse',
      );
      await expect(chat.sourcePanel.getByTestId('source-score')).toContainText(/\d/);
      await expect(chat.sourcePanel.getByRole('link', { name: 'Open full page' })).toHaveAttribute('href', /^\/documents\/[0-9a-f-]{36}#chunk-\d+$/);
      await chat.screenshot('chat-source');
      await page.keyboard.press('Escape');
      await expect(chat.sourcePanel).toBeHidden();
      await expect(chip).toBeFocused();
    });

    await chat.screenshot('chat');
    await page.emulateMedia({ colorScheme: 'dark' });
    await chat.screenshot('chat-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await test.step('on a phone the conversations are in a drawer', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await expect(chat.conversations).toBeHidden();
      await expect(chat.answerText()).toBeVisible();
      await chat.screenshot('chat-phone');
      await page.getByRole('button', { name: 'Show conversations' }).click();
      await expect(chat.conversations).toBeVisible();
      await expect(chat.session(chat.currentSessionId())).toBeVisible();
      await chat.screenshot('chat-phone-drawer');
      await page.keyboard.press('Escape');
      await expect(chat.conversations).toBeHidden();
      await expect(page.getByRole('button', { name: 'Show conversations' })).toBeFocused();
    });
  });

  test('a user renames one conversation, deletes another, and finds the history intact after a reload', async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.goto();

    const MOORING_QUESTION = 'How long can visiting yachts stay on the mooring buoys?';
    await chat.ask(MOORING_QUESTION);
    await chat.expectAnswered();
    const keptId = chat.currentSessionId();
    const citedPassages = await chat.citationChips().count();
    expect(citedPassages).toBeGreaterThan(0);

    await chat.newChatButton.click();
    await expect(chat.title).toHaveText('New chat');
    await expect(chat.composer).toBeFocused();
    await chat.ask('What does the lighthouse do in fog?');
    await chat.expectAnswered();
    await expect(chat.answerText()).toContainText('horn twice every thirty seconds');
    const deletedId = chat.currentSessionId();
    expect(deletedId).not.toBe(keptId);

    await test.step('they rename the first conversation inline', async () => {
      await chat.renameSession(keptId, 'Mooring rules');
      await chat.openSession(keptId);
      await expect(chat.title).toHaveText('Mooring rules');
      await expect(chat.userMessages).toHaveText([MOORING_QUESTION]);
    });

    await test.step('they delete the other after confirming', async () => {
      await chat.deleteSession(deletedId);
      await expect(chat.session(keptId)).toBeVisible();
    });

    await test.step('after a reload the conversation, its answer and its citations are all there', async () => {
      await page.reload();
      await expect(chat.title).toHaveText('Mooring rules');
      await expect(chat.session(keptId)).toHaveAttribute('data-title', 'Mooring rules');
      await expect(chat.session(deletedId)).toHaveCount(0);
      await expect(chat.userMessages).toHaveText([MOORING_QUESTION]);
      await expect(chat.answerText()).toContainText('white mooring buoys');
      await expect(chat.citationChips()).toHaveCount(citedPassages);
      await chat.citationChips().first().click();
      await expect(chat.sourcePanel.getByTestId('source-content')).toContainText('three white mooring buoys');
      await page.keyboard.press('Escape');
    });

    await test.step('asking the same question in a new chat is answered from the cache', async () => {
      await chat.newChatButton.click();
      await chat.ask(MOORING_QUESTION);
      await chat.expectAnswered();
      await expect(chat.lastAnswer.getByTestId('badge-cached')).toHaveText('From cache');
    });
  });

  test('a user creates an agent bound to a vault; choosing it sets and locks the vault', async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.goto();

    await test.step('they create the agent in Manage agents', async () => {
      await page.getByRole('button', { name: 'Manage agents' }).click();
      const dialog = page.getByRole('dialog', { name: 'Agents' });
      await dialog.getByRole('button', { name: 'New agent' }).click();
      const form = page.getByRole('form', { name: 'New agent' });
      await form.getByLabel('Name').fill('Harbour guide');
      await form.getByLabel('Description').fill('Knows the harbour handbook');
      await form.getByLabel('Vault').selectOption({ label: 'Default' });
      await form.getByLabel('Instructions').fill('Answer as the harbour master would, briefly.');
      await form.getByRole('button', { name: 'Create agent' }).click();
      await expect(page.getByTestId('agent-row')).toContainText(['Harbour guide']);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('agents-dialog')).toBeHidden();
    });

    const agentPicker = page.getByRole('combobox', { name: 'Agent' });
    const vaultPicker = page.getByRole('combobox', { name: 'Vault' });
    await test.step('choosing the agent sets its vault and locks the vault picker', async () => {
      await agentPicker.selectOption({ label: 'Harbour guide' });
      await expect(vaultPicker).toBeDisabled();
      await expect(vaultPicker.locator('option:checked')).toHaveText(/^Default \(\d+ documents?\)$/);
      await expect(page.getByText('set by Harbour guide')).toBeVisible();
    });

    await test.step('the conversation remembers its agent after a reload', async () => {
      await chat.ask('Who may use the slipway?');
      await chat.expectAnswered();
      await page.reload();
      await expect(chat.userMessages).toHaveText(['Who may use the slipway?']);
      await expect(agentPicker.locator('option:checked')).toHaveText('Harbour guide');
      await expect(vaultPicker).toBeDisabled();
    });
  });
});

/** Steers the fake model server (the only fake in these tests) through its control endpoints. */
// A fresh connection each time: a kept-alive one may have been closed by the fake server since (ECONNRESET).
const CLOSE = { connection: 'close' };
const fakeModel = {
  reply: (request: APIRequestContext, text: string | null) =>
    request.post(`${FAKE_MODEL_URL}/_control/reply`, { data: { text }, headers: CLOSE }),
  failNext: (request: APIRequestContext, faults: unknown[]) =>
    request.post(`${FAKE_MODEL_URL}/_control/fail-next`, { data: { route: 'chat', faults }, headers: CLOSE }),
};

const SLOW_ANSWER =
  'The lifeboat is kept in the boathouse beside the slipway, with its crew on call day and night, fuelled, checked every morning and ready to launch.';

const MARKDOWN_ANSWER = [
  'Start the **server** first [1]. It needs two services [1, 2]; [7] is not a source.',
  '',
  '1. Install the package',
  '2. Run `npm start` [2]',
  '',
  '| Setting | Default |',
  '| --- | --- |',
  '| port | 3000 |',
  '',
  '```bash',
  'npm install docent',
  '```',
  '',
  'See [the guide](https://example.com/guide).',
].join('\n');

test.describe('with a model server behind the app', () => {
  test.use(ON_MODEL_APP);
  test.afterEach(async ({ request }) => {
    await fakeModel.reply(request, null);
  });

  test('a model answer in Markdown renders lists, tables, code and citation chips', async ({ page, context, request }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await ingestDocument(request, { title: 'Setup guide', text: 'Start the Docent server before anything else; it listens on port 3000.' });
    await ingestDocument(request, { title: 'Operations manual', text: 'Docent needs a database and a model server to answer questions.' });
    await fakeModel.reply(request, MARKDOWN_ANSWER);
    const chat = new ChatPage(page);
    await chat.goto();
    await chat.ask('How do I set up the Docent server and its database?');
    await chat.expectAnswered();

    const answer = chat.answerText();
    await expect(answer.locator('strong')).toHaveText('server');
    await expect(answer.getByRole('listitem')).toHaveText(['Install the package', /Run npm start/]);
    await expect(answer.getByRole('table')).toContainText('port');
    await expect(answer.getByRole('link', { name: 'the guide' })).toHaveAttribute('target', '_blank');
    // [n] becomes a chip only for sources the answer has; [1, 2] becomes two chips.
    await expect(chat.citationChips()).toHaveText(['1', '1', '2', '2']);
    await expect(answer).toContainText('[7] is not a source');
    await expect(chat.lastAnswer.getByTestId('badge-offline')).toHaveCount(0);

    await answer.getByRole('button', { name: 'Copy code' }).click();
    await expect(answer.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('npm install docent');

    await test.step('the source panel steps through the sources', async () => {
      const titles = ['Setup guide', 'Operations manual'];
      await chat.citationChips().nth(2).click();
      const second = (await chat.sourcePanel.getByTestId('source-title').textContent()) ?? '';
      expect(titles.some((t) => second.includes(t))).toBe(true);
      await chat.sourcePanel.getByRole('button', { name: 'Previous source' }).click();
      const first = titles.find((t) => !second.includes(t))!;
      await expect(chat.sourcePanel.getByTestId('source-title')).toContainText(first);
      await expect(chat.sourcePanel.getByTestId('source-score')).toContainText('%');
      await chat.sourcePanel.getByRole('button', { name: 'Close source' }).click();
      await expect(chat.sourcePanel).toBeHidden();
    });
    await chat.screenshot('chat-markdown');
  });

  test('an answer streams in word by word; Stop keeps what arrived, and the user can ask again at once', async ({ page, request }) => {
    // One word every 400 ms: the answer is certainly mid-way when the user presses Stop.
    await fakeModel.reply(request, SLOW_ANSWER);
    await fakeModel.failNext(request, [{ kind: 'slow-stream', chunkDelayMs: 400 }]);
    const chat = new ChatPage(page);
    await chat.goto();
    // A question no other test asks: a cached answer would not stream.
    await chat.ask('Who crews the lifeboat?');

    await test.step('the answer streams in; as soon as words arrive, they press Stop', async () => {
      await expect(chat.stopButton).toBeVisible();
      await expect(chat.answerText()).not.toBeEmpty({ timeout: 15_000 });
      const early = (await chat.answerText().textContent())?.length ?? 0;
      await expect.poll(async () => (await chat.answerText().textContent())?.length ?? 0).toBeGreaterThan(early);
      await chat.stopButton.click();
    });

    await test.step('the partial answer stays, marked Stopped, and the composer is ready again', async () => {
      await chat.expectAnswered('stopped');
      await expect(chat.lastAnswer.getByTestId('badge-stopped')).toHaveText('Stopped');
      await expect(chat.answerText()).toContainText('The lifeboat');
      await expect(chat.answerText()).not.toContainText('ready to launch');
      await expect(chat.lastAnswer.getByRole('button', { name: 'Regenerate' })).toBeVisible();
      await fakeModel.reply(request, null);
      await chat.composer.fill('Where do visiting yachts moor?');
      await expect(chat.sendButton).toBeEnabled();
      await chat.screenshot('chat-stopped');
    });

    await test.step('Regenerate answers the stopped question in full', async () => {
      await chat.lastAnswer.getByRole('button', { name: 'Regenerate' }).click();
      await chat.expectAnswered();
      await expect(chat.answers).toHaveCount(1);
      await expect(chat.lastAnswer.getByTestId('badge-stopped')).toHaveCount(0);
      await expect(chat.answerText()).toContainText('Fake answer: Who crews the lifeboat?');
    });

    await test.step('the question they had typed meanwhile goes out with Enter', async () => {
      await expect(chat.composer).toHaveValue('Where do visiting yachts moor?');
      await chat.composer.press('Enter');
      await chat.expectAnswered();
      await expect(chat.answers).toHaveCount(2);
      await expect(chat.answerText()).toContainText('Fake answer: Where do visiting yachts moor?');
    });
  });

  test('a failed model call shows a readable error, and Retry answers the question', async ({ page, request }) => {
    // The first try and both retries fail: the app gives up with 502 and a sentence a person can act on.
    await fakeModel.failNext(request, [500, 500, 500].map((status) => ({ kind: 'status', status })));
    const chat = new ChatPage(page);
    await chat.goto();
    await chat.ask('Where is the lifeboat kept?');

    const error = page.getByTestId('answer-error');
    await expect(error).toContainText('The model service failed (HTTP 500); try again later.');
    await expect(error).not.toContainText('{');
    await expect(chat.composer).toBeEnabled();
    await chat.screenshot('chat-error');

    await error.getByRole('button', { name: 'Retry' }).click();
    await chat.expectAnswered();
    await expect(error).toBeHidden();
    await expect(chat.userMessages).toHaveCount(1);
    await expect(chat.answerText()).toContainText('Fake answer: Where is the lifeboat kept?');
  });
});
