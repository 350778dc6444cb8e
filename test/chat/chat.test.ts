import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAgent } from '@/server/chat/agents';
import { prepareChat, type ChatOutcome, type ChatTurn, type PreparedChat } from '@/server/chat/run-chat';
import { createVault } from '@/server/documents/vaults';
import type { UserCaller } from '@/server/auth/caller';
import type { Services } from '@/server/services';
import { DRIVERS } from '@/test/support/databases';
import { startFakeOpenAI, type FakeChatRequest, type FakeOpenAI } from '@/test/support/fake-openai';
import { ingestAndWait } from '@/test/support/ingest';
import { createTestServices } from '@/test/support/services';

const LAMP = 'The Lighthouse X2 lamp runs for 4,000 hours. Replace it with part LH-88 when the indicator blinks.';
const GARDEN = 'Tomatoes need six hours of sun a day and water at the roots, never on the leaves.';

async function finish(prepared: PreparedChat): Promise<{ text: string; outcome: ChatOutcome; pieces: number }> {
  const answer = prepared.answer();
  let text = '';
  let pieces = 0;
  let next = await answer.next();
  while (!next.done) {
    text += next.value;
    pieces++;
    next = await answer.next();
  }
  return { text, outcome: next.value, pieces };
}

describe.each(DRIVERS)('chat on %s', (driver) => {
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
      LLM_TIMEOUT: '1',
      MAX_HISTORY_MESSAGES: '2',
    }));
    await ingestAndWait(services, owner, [
      { text: LAMP, title: 'Lamp manual' },
      { text: GARDEN, title: 'Garden notes' },
    ]);
    fake.reset();
  });
  afterEach(() => cleanup());

  const ask = (turn: Partial<ChatTurn> & { question?: string }, signal = new AbortController().signal) =>
    prepareChat(services, owner, { sessionId: 's1', ...turn }, signal);
  const chatRequests = () => fake.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body as FakeChatRequest);
  const messagesOf = (sessionId = 's1') =>
    services.db.rows<{ role: string; content: string; status: string; error: string | null; cached: boolean }>(
      sql`SELECT m.role, m.content, m.status, m.error, m.cached FROM messages m JOIN sessions s ON s.id = m.session_id
          WHERE s.client_id = ${sessionId} ORDER BY m.created_at`,
    );

  it('shows the sources the answer cites first and marks the others as retrieved but not cited', async () => {
    fake.setReply('Water them at the roots [2].');
    const prepared = await ask({ question: 'How long does the X2 lamp last, and how do I water tomatoes?' });
    expect(prepared.sources.map((s) => [s.n, s.cited])).toEqual([
      [1, undefined],
      [2, undefined],
    ]);
    const { outcome } = await finish(prepared);
    const [first, second] = prepared.sources;
    expect(outcome.sources).toEqual([
      { ...second, cited: true },
      { ...first, cited: false },
    ]);
    const [stored] = await services.db.rows<{ sources: Array<{ n: number; cited: boolean }> }>(
      sql`SELECT m.sources FROM messages m JOIN sessions s ON s.id = m.session_id WHERE s.client_id = 's1' AND m.role = 'assistant'`,
    );
    expect(stored!.sources.map((s) => [s.n, s.cited])).toEqual([
      [2, true],
      [1, false],
    ]);
  });

  it('streams a grounded answer, cites numbered passages in the prompt, and stores both messages', async () => {
    fake.setReply('The lamp lasts 4,000 hours [1].');
    const prepared = await ask({ question: 'How long does the X2 lamp last?' });
    expect(prepared.sources[0]).toMatchObject({ n: 1, title: 'Lamp manual', content: LAMP });
    expect(prepared.sources[0]!.score).toBeGreaterThan(0);
    const { text, outcome, pieces } = await finish(prepared);
    expect(text).toBe('The lamp lasts 4,000 hours [1].');
    expect(pieces).toBeGreaterThan(1);
    expect(outcome).toMatchObject({ status: 'complete', metadata: { sessionId: 's1', cached: false, usage: { outputTokens: expect.any(Number) } } });

    const [request] = chatRequests();
    const system = request!.messages[0]!;
    expect(system.role).toBe('system');
    expect(String(system.content)).toContain('<source n="1" title="Lamp manual"');
    expect(request!.messages.at(-1)).toMatchObject({ role: 'user', content: 'How long does the X2 lamp last?' });

    expect(await messagesOf()).toEqual([
      { role: 'user', content: 'How long does the X2 lamp last?', status: 'complete', error: null, cached: false },
      { role: 'assistant', content: 'The lamp lasts 4,000 hours [1].', status: 'complete', error: null, cached: false },
    ]);
    const [session] = await services.db.rows<{ title: string }>(sql`SELECT title FROM sessions WHERE client_id = 's1'`);
    expect(session!.title).toBe('How long does the X2 lamp last?');
  });

  it('sends only the last MAX_HISTORY_MESSAGES messages of the conversation', async () => {
    for (const question of ['First question?', 'Second question?', 'Third question?']) await finish(await ask({ question }));
    const last = chatRequests().at(-1)!;
    expect(last.messages.map((m) => `${m.role}:${typeof m.content === 'string' ? m.content : ''}`).slice(1)).toEqual([
      'user:Second question?',
      'assistant:Fake answer: Second question?',
      'user:Third question?',
    ]);
  });

  it('answers an identical ask from the cache until the documents change', async () => {
    await finish(await ask({ sessionId: 'a', question: 'What part replaces the lamp?' }));
    const again = await ask({ sessionId: 'b', question: 'What part replaces the lamp?' });
    expect(again.metadata.cached).toBe(true);
    const { text, outcome } = await finish(again);
    expect(text).toBe('Fake answer: What part replaces the lamp?');
    expect(outcome.metadata.cached).toBe(true);
    expect(fake.calls.chat).toBe(1);
    expect((await messagesOf('b')).at(-1)).toMatchObject({ role: 'assistant', cached: true });

    await ingestAndWait(services, owner, [{ text: 'Part LH-99 supersedes LH-88 from 2026.', title: 'Service bulletin' }]);
    const afterChange = await ask({ sessionId: 'c', question: 'What part replaces the lamp?' });
    expect(afterChange.metadata.cached).toBe(false);
    await finish(afterChange);
    expect(fake.calls.chat).toBe(2);
  });

  it('embeds a question asked again once, keeping its vector out of the database', async () => {
    await finish(await ask({ question: 'Which part replaces the lamp?' }));
    // Asked again after another question: a new conversation, so a new answer, but the same question vector.
    await finish(await ask({ question: 'How much sun do tomatoes need?', sessionId: 's2' }));
    await finish(await ask({ question: 'Which part replaces the lamp?', sessionId: 's2' }));
    expect(chatRequests()).toHaveLength(3);
    expect(fake.calls.embeddings).toBe(2);
    const [stored] = await services.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM embedding_cache`);
    expect(stored!.n).toBe(2); // the two documents' chunks, from ingestion: not the question
  });

  it('retries 429 and 500 before the first token and then answers', async () => {
    fake.failNext('chat', { kind: 'status', status: 429, retryAfterSeconds: 0 }, { kind: 'status', status: 500 });
    const { outcome } = await finish(await ask({ question: 'How long does the lamp last?' }));
    expect(outcome.status).toBe('complete');
    expect(fake.calls.chat).toBe(3);
  });

  it('retries a model that does not answer in time, and fails with 502 when it never does', async () => {
    fake.failNext('chat', { kind: 'hang' });
    const { outcome } = await finish(await ask({ question: 'Lamp hours?' }));
    expect(outcome.status).toBe('complete');
    expect(fake.calls.chat).toBe(2);

    fake.failNext('chat', { kind: 'hang' }, { kind: 'hang' }, { kind: 'hang' });
    await expect(ask({ question: 'Lamp hours again?' })).rejects.toMatchObject({
      code: 'OPENAI_SERVICE_ERROR',
      message: 'The model service did not answer within 1 s; try again later.',
    });
    expect((await messagesOf()).slice(-2)).toMatchObject([
      { role: 'user', content: 'Lamp hours again?', status: 'complete' },
      { role: 'assistant', status: 'failed', error: 'The model service did not answer within 1 s; try again later.' },
    ]);
  });

  it('fails an answer whose model falls silent mid-way once LLM_TIMEOUT passes, keeping the partial text', async () => {
    fake.setReply('one two three four five six');
    fake.failNext('chat', { kind: 'stall-stream', afterChunks: 2 });
    const { text, outcome } = await finish(await ask({ question: 'Count slowly' }));
    expect(text).toBe('one two ');
    expect(outcome).toMatchObject({ status: 'failed', error: 'The model service did not answer within 1 s; try again later.' });
    expect(fake.calls.chat).toBe(1); // once the answer has begun, it is not retried
    expect((await messagesOf()).at(-1)).toMatchObject({ role: 'assistant', status: 'failed', content: 'one two ' });
  });

  it('marks an answer whose stream is cut mid-way as failed, keeping the question and the partial text', async () => {
    fake.setReply('one two three four five six seven eight nine ten');
    fake.failNext('chat', { kind: 'cut-stream', afterChunks: 3 });
    const { text, outcome } = await finish(await ask({ question: 'Count for me' }));
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toBeTruthy();
    expect(text.length).toBeGreaterThan(0);
    const stored = await messagesOf();
    expect(stored).toMatchObject([
      { role: 'user', content: 'Count for me', status: 'complete' },
      { role: 'assistant', content: text, status: 'failed' },
    ]);
  });

  it('stores a stopped answer as stopped when the client aborts', async () => {
    fake.setReply(Array.from({ length: 200 }, (_, i) => `word${i}`).join(' '));
    fake.setDelay(0);
    const controller = new AbortController();
    const prepared = await ask({ question: 'Talk a lot' }, controller.signal);
    const answer = prepared.answer();
    await answer.next();
    controller.abort();
    let next = await answer.next();
    while (!next.done) next = await answer.next();
    expect(next.value.status).toBe('stopped');
    expect((await messagesOf()).at(-1)).toMatchObject({ role: 'assistant', status: 'stopped' });
  });

  it('stores the answer as stopped when the reader goes away mid-stream', async () => {
    fake.setReply(Array.from({ length: 50 }, (_, i) => `w${i}`).join(' '));
    const answer = (await ask({ question: 'Another long one' })).answer();
    await answer.next();
    await answer.return(undefined as never);
    expect((await messagesOf()).at(-1)).toMatchObject({ role: 'assistant', status: 'stopped' });
  });

  it('regenerates the last answer without storing the question twice, keeping the earlier answer as a version', async () => {
    await finish(await ask({ question: 'Lamp part?' }));
    fake.setReply('A fresh answer.');
    const { text } = await finish(await ask({}));
    expect(text).toBe('A fresh answer.');
    expect((await messagesOf()).map((m) => `${m.role}:${m.content}`)).toEqual([
      'user:Lamp part?',
      'assistant:Fake answer: Lamp part?',
      'assistant:A fresh answer.',
    ]);
  });

  it('rejects an empty question with a validation error and stores nothing', async () => {
    await expect(ask({ question: '   ' })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(await messagesOf()).toEqual([]);
  });

  it('uses an agent’s own instructions and vault', async () => {
    const vault = await createVault(services, owner, { name: 'Horticulture' });
    await ingestAndWait(services, owner, [{ text: 'Basil likes warm nights above ten degrees.', title: 'Herbs', vaultId: vault.id }]);
    const agent = await createAgent(services, owner, { name: 'Gardener', systemPrompt: 'You are a cheerful gardener.', vaultId: vault.id });
    fake.reset();
    const prepared = await ask({ sessionId: 'g', question: 'What does basil like?', agentId: agent.id });
    expect(prepared.sources.map((s) => s.title)).toEqual(['Herbs']);
    await finish(prepared);
    expect(String(chatRequests()[0]!.messages[0]!.content)).toMatch(/^You are a cheerful gardener\./);
    const [session] = await services.db.rows<{ agent_id: string }>(sql`SELECT agent_id FROM sessions WHERE client_id = 'g'`);
    expect(session!.agent_id).toBe(agent.id);
  });
});
