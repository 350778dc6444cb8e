import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setUpOwner, type Session } from '@/test/support/accounts';
import { startAppServer, type AppServer } from '@/test/support/app-server';
import { tempDir } from '@/test/support/databases';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/support/fake-openai';
import { waitFor } from '@/test/support/services';

/** The original service's POST /chat (JSON and SSE), the browser's /api/chat stream, and /agents. */
describe('chat over HTTP', () => {
  let app: AppServer;
  let owner: Session;
  let fake: FakeOpenAI;
  let data: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    data = await tempDir('docent-chat-api-');
    app = await startAppServer({ DATA_DIR: data.path, OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'sk-test', LLM_TIMEOUT: '1', LLM_MAX_RETRIES: '1' });
    owner = await setUpOwner(app);
    const ingested = await post('/ingest', { text: 'The Lighthouse X2 lamp runs for 4,000 hours. Replace it with part LH-88.', title: 'Lamp manual' });
    await waitFor(async () => {
      const response = await owner.fetch(`/documents/${ingested.body.document_id}`);
      return ((await response.json()) as { status: string }).status === 'ready' ? true : undefined;
    });
  });
  afterAll(async () => {
    await app?.stop();
    await fake?.close();
    await data?.remove();
  });
  beforeEach(() => fake.reset());

  async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
    const response = await owner.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: text.startsWith('{') ? JSON.parse(text) : null };
  }

  it('POST /chat answers {session_id, answer, sources} and creates unknown sessions, as the original did', async () => {
    fake.setReply('It runs for 4,000 hours [1].');
    const { status, body } = await post('/chat', { session_id: 'test', message: 'How long does the X2 lamp run?', config: { top_k: 3, temperature: 0.1 } });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      session_id: 'test',
      answer: 'It runs for 4,000 hours [1].',
      sources: [{ document_id: expect.any(String), title: 'Lamp manual', snippet: expect.stringContaining('4,000 hours'), score: expect.any(Number) }],
    });
    const sent = fake.requests.at(-1)!.body as { temperature: number };
    expect(sent.temperature).toBe(0.1);
    const sessions = await owner.fetch('/api/trpc/sessions.list').then((r) => r.json() as Promise<{ result: { data: { json: Array<{ id: string }> } } }>);
    expect(sessions.result.data.json.map((s) => s.id)).toContain('test');
  });

  it('POST /chat streams server-sent events when asked for text/event-stream', async () => {
    fake.setReply('Part LH-88 replaces it [1].');
    const { status, headers, text } = await post('/chat', { session_id: 'sse', message: 'Which part replaces the lamp?' }, { accept: 'text/event-stream' });
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('text/event-stream');
    const events = text.trim().split('\n\n').map((block) => {
      const [eventLine, dataLine] = block.split('\n');
      return { event: eventLine!.replace('event: ', ''), data: JSON.parse(dataLine!.replace('data: ', '')) };
    });
    expect(events[0]).toMatchObject({ event: 'sources', data: { session_id: 'sse', sources: [{ title: 'Lamp manual' }] } });
    const tokens = events.filter((e) => e.event === 'token').map((e) => e.data.text as string);
    expect(tokens.length).toBeGreaterThan(1);
    expect(tokens.join('')).toBe('Part LH-88 replaces it [1].');
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { session_id: 'sse', answer: 'Part LH-88 replaces it [1].', status: 'complete' } });
  });

  it('answers with the original error codes: 422 for bad input, 502 when the model fails', async () => {
    const invalid = await post('/chat', { session_id: 'x', message: '' });
    expect(invalid).toMatchObject({ status: 422, body: { code: 'VALIDATION_ERROR', error: 'Invalid request: message: must not be empty' } });
    const badConfig = await post('/chat', { session_id: 'x', message: 'hi', config: { top_k: 500 } });
    expect(badConfig.body.detail).toEqual([{ field: 'config.top_k', message: 'must be at most 50' }]);

    fake.failNext('chat', { kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    const failed = await post('/chat', { session_id: 'x', message: 'Lamp hours?' });
    expect(failed).toMatchObject({ status: 502, body: { code: 'OPENAI_SERVICE_ERROR', error: 'The model service failed (HTTP 500); try again later.' } });
  });

  it('answers 502 when the question cannot be embedded, and keeps the question with a failed answer saying why', async () => {
    // LLM_MAX_RETRIES=1: the first call and its retry both fail.
    fake.failNext('embeddings', { kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    const failed = await post('/chat', { session_id: 'embed-fails', message: 'What replaces the lamp when it fails?' });
    expect(failed).toMatchObject({ status: 502, body: { code: 'OPENAI_SERVICE_ERROR', error: 'The model service failed (HTTP 500); try again later.' } });
    expect(fake.calls.chat).toBe(0);

    const input = encodeURIComponent(JSON.stringify({ json: { id: 'embed-fails' } }));
    const session = (await owner.fetch(`/api/trpc/sessions.get?input=${input}`).then((r) => r.json())) as {
      result: { data: { json: { messages: Array<{ role: string; metadata?: { status?: string; error?: string } }> } } };
    };
    const messages = session.result.data.json.messages;
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(messages[1]!.metadata).toMatchObject({ status: 'failed', error: 'The model service failed (HTTP 500); try again later.' });
  });

  it('stores a streamed answer as stopped, with what was said, when the client goes away mid-answer', async () => {
    fake.setReply('The lamp runs for four thousand hours.');
    // Two words, then the model goes quiet (well inside LLM_TIMEOUT): only the client leaving ends the answer.
    fake.failNext('chat', { kind: 'stall-stream', afterChunks: 2 });
    const leaving = new AbortController();
    const response = await owner.fetch(`/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ session_id: 'gone', message: 'How long does the lamp run?' }),
      signal: leaving.signal,
    });
    const reader = response.body!.getReader();
    let received = '';
    while ((received.match(/event: token/g) ?? []).length < 2) received += new TextDecoder().decode((await reader.read()).value);
    leaving.abort();

    const input = encodeURIComponent(JSON.stringify({ json: { id: 'gone' } }));
    type Conversation = { messages: Array<{ role: string; metadata: { status: string }; parts: Array<{ type: string; text?: string }> }> };
    const answer = await waitFor(async () => {
      const conversation = await owner.fetch(`/api/trpc/sessions.get?input=${input}`).then((r) => r.json() as Promise<{ result: { data: { json: Conversation } } }>);
      const last = conversation.result.data.json.messages.at(-1);
      return last?.role === 'assistant' ? last : undefined;
    });
    expect(answer.metadata.status).toBe('stopped');
    expect(answer.parts.find((p) => p.type === 'text')?.text).toBe('The lamp ');
  });

  it('serves the browser’s useChat stream from /api/chat with sources and metadata', async () => {
    fake.setReply('Four thousand hours [1].');
    const { status, text, headers } = await post('/api/chat', {
      sessionId: 'ui-1',
      trigger: 'submit-message',
      message: { id: 'm1', role: 'user', parts: [{ type: 'text', text: 'Lamp life?' }] },
    });
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('text/event-stream');
    const chunks = text
      .split('\n\n')
      .filter((line) => line.startsWith('data: {'))
      .map((line) => JSON.parse(line.slice(6)));
    expect(chunks[0]).toMatchObject({ type: 'start', messageMetadata: { sessionId: 'ui-1', cached: false, offline: false } });
    expect(chunks.find((c) => c.type === 'data-sources')).toMatchObject({ data: [{ n: 1, title: 'Lamp manual' }] });
    expect(chunks.filter((c) => c.type === 'text-delta').map((c) => c.delta).join('')).toBe('Four thousand hours [1].');
    expect(chunks.at(-1)).toMatchObject({ type: 'finish', messageMetadata: { status: 'complete', messageId: expect.any(String) } });

    const again = await post('/api/chat', {
      sessionId: 'ui-2',
      trigger: 'submit-message',
      message: { id: 'm2', role: 'user', parts: [{ type: 'text', text: 'Lamp life?' }] },
    });
    expect(again.text).toContain('"cached":true');
    expect(fake.calls.chat).toBe(1);
  });

  it('manages agents over /agents', async () => {
    const created = await post('/agents', { name: 'Keeper', system_prompt: 'You keep the lighthouse.' });
    expect(created.body).toMatchObject({ agent_id: expect.any(String), name: 'Keeper', system_prompt: 'You keep the lighthouse.', vault_id: null });
    expect((await post('/agents', { name: 'keeper', system_prompt: 'x' })).status).toBe(422);
    const listed = await owner.fetch(`/agents`).then((r) => r.json() as Promise<{ agents: Array<{ name: string }> }>);
    expect(listed.agents.map((a) => a.name)).toEqual(['Keeper']);

    fake.setReply('Aye.');
    await post('/chat', { session_id: 'agent', message: 'Who are you?', agent_id: created.body.agent_id });
    expect(String((fake.requests.at(-1)!.body as { messages: Array<{ content: string }> }).messages[0]!.content)).toMatch(/^You keep the lighthouse\./);

    const id = created.body.agent_id;
    expect((await owner.fetch(`/agents/${id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await owner.fetch(`/agents/${id}`)).status).toBe(404);
    expect((await post('/chat', { session_id: 'agent', message: 'Still there?', agent_id: id })).status).toBe(404);
  });
});
