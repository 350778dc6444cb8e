import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { UserCaller } from '@/server/auth/caller';
import { prepareChat, type ChatTurn, type PreparedChat } from '@/server/chat/run-chat';
import { getConversation, showBranch } from '@/server/chat/sessions';
import { feedbackCounts, feedbackExport, rateAnswer, unrateAnswer } from '@/server/feedback/feedback';
import type { Services } from '@/server/services';
import { DRIVERS } from '@/test/support/databases';
import { startFakeOpenAI, type FakeChatRequest, type FakeOpenAI } from '@/test/support/fake-openai';
import { ingestAndWait } from '@/test/support/ingest';
import { createTestServices } from '@/test/support/services';
import { createTestUser } from '@/test/support/users';

const LAMP = 'The Lighthouse X2 lamp runs for 4,000 hours. Replace it with part LH-88 when the indicator blinks.';

async function finish(prepared: PreparedChat) {
  const answer = prepared.answer();
  let next = await answer.next();
  while (!next.done) next = await answer.next();
  return next.value;
}

describe.each(DRIVERS)('branching conversations and feedback on %s', (driver) => {
  let fake: FakeOpenAI;
  let services: Services;
  let owner: UserCaller;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    fake.reset();
    ({ services, owner, cleanup } = await createTestServices(driver, {
      OPENAI_BASE_URL: fake.url,
      OPENAI_API_KEY: 'sk-test',
      RESPONSE_CACHE_TTL: '0',
    }));
    await ingestAndWait(services, owner, [{ text: LAMP, title: 'Lamp manual' }]);
    fake.reset();
  });
  afterEach(() => cleanup());

  const ask = async (turn: Partial<ChatTurn>, caller = owner) =>
    finish(await prepareChat(services, caller, { sessionId: 's1', ...turn }, new AbortController().signal));
  /** What the model was sent last, system prompt left out: `role:content`. */
  const lastHistory = () => {
    const request = fake.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!.body as FakeChatRequest;
    return request.messages.slice(1).map((m) => `${m.role}:${typeof m.content === 'string' ? m.content : ''}`);
  };
  const shown = async (caller = owner) => {
    const conversation = await getConversation(services, caller, 's1');
    return conversation!.messages.map((m) => ({
      id: m.id,
      text: m.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join(''),
      versions: m.metadata?.siblingIds ?? [],
    }));
  };

  it('edits a question into a new branch the model sees alone, and flips back to the earlier branch', async () => {
    await ask({ question: 'First?' });
    await ask({ question: 'Second?' });
    const before = await shown();
    expect(before.map((m) => m.text)).toEqual(['First?', 'Fake answer: First?', 'Second?', 'Fake answer: Second?']);

    await ask({ question: 'Second, edited?', editOf: before[2]!.id });
    expect(lastHistory()).toEqual(['user:First?', 'assistant:Fake answer: First?', 'user:Second, edited?']);
    const after = await shown();
    expect(after.map((m) => m.text)).toEqual(['First?', 'Fake answer: First?', 'Second, edited?', 'Fake answer: Second, edited?']);
    expect(after[2]!.versions).toEqual([before[2]!.id, after[2]!.id]);

    // Flipping to version 1 shows that branch as it was left, answer included, and the next question follows it.
    await showBranch(services, owner, 's1', before[2]!.id);
    expect((await shown()).map((m) => m.text)).toEqual(['First?', 'Fake answer: First?', 'Second?', 'Fake answer: Second?']);
    await ask({ question: 'Third?' });
    expect(lastHistory()).toEqual(['user:First?', 'assistant:Fake answer: First?', 'user:Second?', 'assistant:Fake answer: Second?', 'user:Third?']);
  });

  it('keeps regenerated answers as versions, and the original POST /chat history is the active branch', async () => {
    await ask({ question: 'Lamp part?' });
    fake.setReply('A fresh answer.');
    await ask({});
    const [, answer] = await shown();
    expect(answer!.text).toBe('A fresh answer.');
    expect(answer!.versions).toHaveLength(2);
    await showBranch(services, owner, 's1', answer!.versions[0]!);
    expect((await shown())[1]!.text).toBe('Fake answer: Lamp part?');
    fake.reset();
    await ask({ question: 'And the hours?' });
    expect(lastHistory()).toEqual(['user:Lamp part?', 'assistant:Fake answer: Lamp part?', 'user:And the hours?']);
  });

  it('refuses to edit or flip a message of another person’s conversation', async () => {
    await ask({ question: 'Mine?' });
    const [question] = await shown();
    const other = await createTestUser(services.db);
    await expect(showBranch(services, other, 's1', question!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ask({ question: 'Theirs?', editOf: question!.id }, other)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await shown()).map((m) => m.text)).toEqual(['Mine?', 'Fake answer: Mine?']);
  });

  it('stores one changeable vote per person per answer, only from the conversation’s owner, counted and exported', async () => {
    fake.setReply('Use part LH-88 [1].');
    await ask({ question: 'Which part replaces the lamp?' });
    const [, answer] = await shown();
    const other = await createTestUser(services.db);
    await expect(rateAnswer(services, other, { messageId: answer!.id, rating: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [question] = await shown();
    await expect(rateAnswer(services, owner, { messageId: question!.id, rating: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await rateAnswer(services, owner, { messageId: answer!.id, rating: 1 });
    await rateAnswer(services, owner, { messageId: answer!.id, rating: -1, comment: '  Wrong part number.  ' });
    const conversation = await getConversation(services, owner, 's1');
    expect(conversation!.messages[1]!.metadata?.feedback).toEqual({ rating: -1, comment: 'Wrong part number.' });
    expect(await feedbackCounts(services)).toMatchObject({ up: 0, down: 1, withComment: 1 });

    const [line] = await feedbackExport(services);
    expect(line).toMatchObject({
      question: 'Which part replaces the lamp?',
      answer: 'Use part LH-88 [1].',
      verdict: 'down',
      comment: 'Wrong part number.',
      expected_sources: [],
      rejected_sources: [{ title: 'Lamp manual', document_id: expect.any(String), chunk_id: expect.any(String) }],
      message_id: answer!.id,
      asked_by: owner.userId,
      vault_id: null,
    });

    expect(await unrateAnswer(services, owner, answer!.id)).toEqual({ deleted: true });
    expect(await feedbackCounts(services)).toMatchObject({ up: 0, down: 0 });
  });
});
