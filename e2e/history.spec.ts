import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { ChatPage } from './pages/chat-page';
import { inEachLook } from './pages/looks';

/** More than the sidebar's first page of 50: the oldest few are only reached by scrolling. */
const CONVERSATIONS = 56;

/** Asks through the original API, as a script would: each question is a turn of conversation `sessionId`. */
async function ask(request: APIRequestContext, sessionId: string, message: string) {
  const response = await request.post('/chat', { data: { session_id: sessionId, message } });
  expect(response.ok(), await response.text()).toBe(true);
}

/** A made-up word nobody else's conversations hold, in letters only so it is one word to full-text search. */
const madeUpWord = () => `zorbel${randomUUID().replace(/[^a-f]/g, '').slice(0, 8)}`;

inEachLook((look) => {
  test('a person with many conversations scrolls to older ones and finds one by a word said in it', async ({ page, request }, testInfo) => {
    test.slow();
    const run = randomUUID().slice(0, 6);
    const word = madeUpWord();
    const ids = Array.from({ length: CONVERSATIONS }, (_, i) => `history-${run}-${String(i + 1).padStart(2, '0')}`);
    const needle = ids[2]!;

    await test.step(`they have had ${CONVERSATIONS} conversations, the third of which once mentioned ${word}`, async () => {
      for (const [i, id] of ids.entries()) {
        await ask(request, id, `Harbour question ${run} number ${i + 1}: when does the ferry leave?`);
        // Said later in the conversation, so it is in a message and not in the title.
        if (id === needle) await ask(request, id, `And does the ${word} barge moor at the north quay?`);
      }
    });

    const chat = new ChatPage(page);
    await chat.goto();
    await chat.showConversations();

    await test.step('the sidebar shows the newest 50, under Today, and not yet the oldest', async () => {
      await expect(chat.session(ids.at(-1)!)).toBeVisible();
      await expect(chat.conversations.getByRole('region', { name: 'Today' })).toBeVisible();
      await expect(chat.sessionItems).toHaveCount(50);
      await expect(chat.session(ids[0]!)).toHaveCount(0);
      await chat.screenshot(`history-${look.name.replace(/\W+/g, '-')}`);
    });

    await test.step('scrolling to the end loads the older ones', async () => {
      await chat.scrollHistoryToEnd();
      await expect(chat.session(ids[0]!)).toBeAttached();
      expect(await chat.sessionItems.count()).toBeGreaterThan(50);
      const seen = await chat.sessionItems.evaluateAll((items) => items.map((item) => item.getAttribute('data-session-id')));
      expect(new Set(seen).size, 'no conversation is listed twice').toBe(seen.length);
    });

    await test.step('they search for the word: the one conversation comes up with the passage, the word marked', async () => {
      await chat.historySearch.fill(word.slice(0, 10));
      await expect(chat.searchHits).toHaveCount(1);
      const hit = chat.searchHit(needle);
      await expect(hit.getByTestId('search-snippet')).toContainText(`${word} barge`);
      await expect(hit.locator('mark')).toHaveText(word);
      await page.screenshot({ path: testInfo.outputPath('history-search.png') });
    });

    await test.step('choosing it opens the conversation, with both questions', async () => {
      await chat.searchHit(needle).getByRole('link').click();
      await expect.poll(() => chat.sessionId()).toBe(needle);
      await expect(chat.userMessages).toHaveCount(2);
      await expect(chat.userMessages.last()).toContainText(word);
    });

    await test.step('a word nobody said finds nothing, and says so', async () => {
      await chat.showConversations();
      await chat.historySearch.fill(`${word}x`);
      await expect(page.getByTestId('search-summary')).toHaveText(`No conversation mentions “${word}x”.`);
      await chat.historySearch.press('Escape');
      await expect(chat.historySearch).toHaveValue('');
      await expect(chat.session(ids.at(-1)!)).toBeVisible();
    });
  });
});
