import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export const HARBOUR_HANDBOOK = {
  title: 'Harbour handbook',
  text: readFileSync(FIXTURES + 'harbour-handbook.md', 'utf8'),
};

/** Adds a document through the API (as a script would) and waits until Docent can answer from it. */
export async function ingestDocument(request: APIRequestContext, document: { title: string; text: string }) {
  const response = await request.post('/ingest', { data: document });
  expect(response.ok(), await response.text()).toBe(true);
  const { document_id: id } = (await response.json()) as { document_id: string };
  await expect
    .poll(async () => ((await (await request.get(`/documents/${id}`)).json()) as { status: string }).status, {
      message: `${document.title} becomes ready`,
      timeout: 30_000,
    })
    .toBe('ready');
  return id;
}

/** The chat at `/` as a user sees it: conversations on the left, the open one with its composer on the right. */
export class ChatPage {
  readonly composer: Locator;
  readonly sendButton: Locator;
  readonly stopButton: Locator;
  readonly title: Locator;
  readonly conversations: Locator;
  readonly sessionItems: Locator;
  readonly newChatButton: Locator;
  readonly userMessages: Locator;
  /** Each question with its actions (copy, edit, versions). */
  readonly questions: Locator;
  readonly answers: Locator;
  readonly lastAnswer: Locator;
  readonly sourcePanel: Locator;
  readonly emptyState: Locator;
  readonly noConversations: Locator;
  readonly vaultPicker: Locator;
  readonly historySearch: Locator;
  readonly searchHits: Locator;
  readonly loadOlder: Locator;

  constructor(readonly page: Page) {
    this.composer = page.getByRole('textbox', { name: 'Your question' });
    this.sendButton = page.getByRole('button', { name: 'Send', exact: true });
    this.stopButton = page.getByRole('button', { name: 'Stop generating' });
    this.title = page.getByTestId('conversation-title');
    this.conversations = page.getByRole('navigation', { name: 'Conversations' });
    this.sessionItems = page.getByTestId('session-item');
    this.newChatButton = page.getByRole('button', { name: 'New chat' }).first();
    this.userMessages = page.getByTestId('user-message');
    this.questions = page.getByTestId('question');
    this.answers = page.getByTestId('assistant-message');
    this.lastAnswer = this.answers.last();
    this.sourcePanel = page.getByRole('dialog').and(page.getByTestId('source-panel'));
    this.emptyState = page.getByTestId('chat-empty');
    this.noConversations = page.getByTestId('sessions-empty');
    this.vaultPicker = page.getByLabel('Vault', { exact: true });
    this.historySearch = page.getByRole('searchbox', { name: 'Search conversations' });
    this.searchHits = page.getByTestId('search-hit');
    this.loadOlder = page.getByTestId('load-older');
  }

  /** On a phone the conversations are in a drawer: open it (on a laptop they are always there). */
  async showConversations() {
    const toggle = this.page.getByRole('button', { name: 'Show conversations' });
    // The header's drawer button arrives with the page's hydration: wait for either to show before choosing.
    await expect(toggle.or(this.conversations).first()).toBeVisible();
    if (!(await this.conversations.isVisible())) await toggle.click();
    await expect(this.conversations).toBeVisible();
  }

  /** Scrolls the conversation list to its end, as a person does to reach older conversations. */
  async scrollHistoryToEnd() {
    await this.conversations.evaluate((nav) => nav.scrollTo({ top: nav.scrollHeight }));
  }

  /** A search result, by conversation id. */
  searchHit(id: string): Locator {
    return this.searchHits.and(this.page.locator(`[data-session-id=${JSON.stringify(id)}]`));
  }

  async goto(sessionId?: string) {
    await this.page.goto(sessionId ? `/?session=${sessionId}` : '/');
    await expect(this.composer).toBeVisible();
  }

  /** Types the question and presses Enter, as people do. */
  async ask(question: string) {
    await this.composer.fill(question);
    await this.composer.press('Enter');
  }

  /** Picks a vault by its name as listed (the option also shows its document count). */
  async chooseVault(name: string) {
    const option = this.vaultPicker.locator('option').filter({ hasText: `${name} (` });
    await expect(option).toHaveCount(1, { timeout: 15_000 });
    await this.vaultPicker.selectOption((await option.getAttribute('value'))!);
  }

  /** Limits the questions to documents with this tag (the Tag picker beside the vault). */
  async chooseTag(tag: string) {
    const picker = this.page.getByLabel('Tag', { exact: true });
    await expect(picker.locator('option', { hasText: tag })).toHaveCount(1, { timeout: 15_000 });
    await picker.selectOption(tag);
  }

  sessionId(): string | null {
    return new URL(this.page.url()).searchParams.get('session');
  }

  answerText(answer: Locator = this.lastAnswer): Locator {
    return answer.getByTestId('answer-text');
  }

  citationChips(answer: Locator = this.lastAnswer): Locator {
    return answer.getByTestId('citation-chip');
  }

  /** The preview card a citation chip shows while hovered or focused. */
  get citationCard(): Locator {
    return this.page.getByTestId('citation-card');
  }

  /** Points at a citation with the mouse, or, on a touch screen, moves the keyboard focus to it. */
  async previewCitation(chip: Locator) {
    await expect(async () => {
      // Focus leaves first: a chip that already had it (focus restored after the answer) would fire no focus event.
      if (this.page.viewportSize()!.width < 600) await chip.blur().then(() => chip.focus());
      else await chip.hover();
      await expect(this.citationCard).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 10_000 });
  }

  /** Waits for the answer to finish streaming: Send is back and the answer says how it ended. */
  async expectAnswered(status: 'complete' | 'stopped' = 'complete') {
    await expect(this.stopButton).toBeHidden({ timeout: 30_000 });
    await expect(this.lastAnswer).toHaveAttribute('data-status', status);
  }

  /** The finished turn is shown as the server stored it (ids, versions, votes): its actions can be used. */
  async expectStored() {
    await expect(this.lastAnswer).toHaveAttribute('data-stored', 'true', { timeout: 20_000 });
  }

  /** A conversation in the sidebar, by its id (titles repeat when the same question is asked twice). */
  session(id: string): Locator {
    return this.sessionItems.and(this.page.locator(`[data-session-id=${JSON.stringify(id)}]`));
  }

  /** The id of the open conversation, from the URL. */
  currentSessionId(): string {
    const id = this.sessionId();
    expect(id, 'the URL names the open conversation').toBeTruthy();
    return id!;
  }

  async openSession(id: string) {
    await this.session(id).getByRole('link').click();
    await expect.poll(() => this.sessionId()).toBe(id);
  }

  /** Rename inline: the title becomes a text field; Enter saves. */
  async renameSession(id: string, newTitle: string) {
    const item = this.session(id);
    const title = await item.getAttribute('data-title');
    await item.getByRole('button', { name: `Rename ${title}` }).click();
    const field = item.getByLabel('Conversation title');
    await expect(field).toBeFocused();
    await field.fill(newTitle);
    await field.press('Enter');
    await expect(item).toHaveAttribute('data-title', newTitle);
  }

  /** Delete, then confirm in the item's inline confirmation (whose safe choice, Cancel, has the focus). */
  async deleteSession(id: string) {
    const item = this.session(id);
    const title = await item.getAttribute('data-title');
    await item.getByRole('button', { name: `Delete ${title}` }).click();
    const confirmation = item.getByRole('group', { name: `Confirm deleting ${title}` });
    await expect(confirmation.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await confirmation.getByRole('button', { name: 'Delete' }).click();
    await expect(item).toHaveCount(0);
  }

  /** The version switch ("< 2/3 >") of a question or answer, and its position text. */
  versions(message: Locator): { position: Locator; previous: Locator; next: Locator } {
    const group = message.getByTestId('version-switch');
    return {
      position: group.getByTestId('version-position'),
      previous: group.getByRole('button', { name: /^Previous version/ }),
      next: group.getByRole('button', { name: /^Next version/ }),
    };
  }

  /** Edits a question in place and sends it: the conversation branches from there. */
  async editQuestion(question: Locator, text: string) {
    await question.getByRole('button', { name: 'Edit question' }).click();
    const field = question.getByLabel('Edited question');
    await expect(field).toBeFocused();
    await field.fill(text);
    await question.getByRole('button', { name: 'Save and send' }).click();
  }

  /** Thumbs up or down on an answer, with an optional comment saved after the vote. */
  async rate(answer: Locator, rating: 'up' | 'down', comment?: string) {
    const thumb = answer.getByRole('button', { name: rating === 'up' ? 'Good answer' : 'Bad answer' });
    await thumb.click();
    await expect(thumb).toHaveAttribute('aria-pressed', 'true');
    if (comment === undefined) return;
    const form = answer.getByRole('form', { name: 'Feedback comment' });
    await form.getByRole('textbox').fill(comment);
    await form.getByRole('button', { name: 'Save comment' }).click();
    await expect(form).toBeHidden();
  }

  /** Drops a file onto the conversation, as dragging it from the desktop does. */
  async dropFile(file: { name: string; mimeType: string; text: string }) {
    const dataTransfer = await this.page.evaluateHandle((f) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([f.text], f.name, { type: f.mimeType }));
      return transfer;
    }, file);
    const target = this.page.getByTestId('chat-drop-target');
    await target.dispatchEvent('dragenter', { dataTransfer });
    await expect(this.page.getByTestId('chat-drop-overlay')).toBeVisible();
    await target.dispatchEvent('drop', { dataTransfer });
  }

  /** Chooses files with the composer's Attach button. */
  async attachFile(file: { name: string; mimeType: string; buffer: Buffer }) {
    await this.page.getByLabel(/^Files to add to /).setInputFiles(file);
  }

  /** An upload row started from this chat, by file name. */
  uploadRow(filename: string): Locator {
    return this.page.getByTestId('upload-row').and(this.page.locator(`[data-filename=${JSON.stringify(filename)}]`));
  }

  /** Screenshots once transitions have settled (colour-scheme changes animate). */
  async screenshot(name: string) {
    await this.page.waitForTimeout(300);
    await this.page.screenshot({ path: `test-results/${name}.png` });
  }
}
