import { createOpenAI } from '@ai-sdk/openai';
import { embedMany, generateText, streamText } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeEmbedding, startFakeOpenAI, type FakeOpenAI } from './fake-openai';

let fake: FakeOpenAI;
let openai: ReturnType<typeof createOpenAI>;

beforeAll(async () => {
  fake = await startFakeOpenAI({ embeddingDimensions: 8 });
  openai = createOpenAI({ baseURL: fake.url, apiKey: 'test' });
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${fake.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);

describe('embeddings', () => {
  it('returns deterministic, normalised vectors and counts inputs', async () => {
    const res = await post('/embeddings', { model: 'text-embedding-3-small', input: ['alpha', 'beta'] });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ object: 'list', model: 'text-embedding-3-small', usage: { prompt_tokens: 2, total_tokens: 2 } });
    expect(body.data.map((d: { index: number }) => d.index)).toEqual([0, 1]);
    expect(body.data[0].embedding).toEqual(fakeEmbedding('alpha', 8));
    expect(body.data[1].embedding).toEqual(fakeEmbedding('beta', 8));
    expect(cosine(body.data[0].embedding, body.data[0].embedding)).toBeCloseTo(1, 10);
    expect(fake.calls).toMatchObject({ embeddings: 1, inputsEmbedded: 2, chat: 0 });
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/v1/embeddings', body: { input: ['alpha', 'beta'] } });
  });

  it('honours the dimensions parameter and a single string input', async () => {
    const body = await (await post('/embeddings', { model: 'm', input: 'one', dimensions: 3 })).json();
    expect(body.data).toHaveLength(1);
    expect(body.data[0].embedding).toEqual(fakeEmbedding('one', 3));
  });

  it('returns the same vectors as little-endian float32 base64', async () => {
    const input = ['same text', 'another one'];
    const floats = await (await post('/embeddings', { model: 'm', input })).json();
    const b64 = await (await post('/embeddings', { model: 'm', input, encoding_format: 'base64' })).json();
    for (const [i, item] of b64.data.entries()) {
      const buf = Buffer.from(item.embedding, 'base64');
      const decoded = Array.from({ length: buf.length / 4 }, (_, j) => buf.readFloatLE(j * 4));
      expect(decoded).toEqual(floats.data[i].embedding.map(Math.fround));
    }
  });

  it('gives texts sharing words a positive similarity, unrelated texts about none', () => {
    const query = fakeEmbedding('What is the refund policy?', 1536);
    expect(cosine(query, fakeEmbedding('Our refund policy lasts 30 days.', 1536))).toBeGreaterThan(0.3);
    expect(Math.abs(cosine(query, fakeEmbedding('Cats sleep on warm mats.', 1536)))).toBeLessThan(0.05);
  });
});

describe('validation and unknown routes', () => {
  it.each([
    ['invalid JSON', '/embeddings', '{nope'],
    ['missing model', '/embeddings', { input: 'x' }],
    ['missing input', '/embeddings', { model: 'm' }],
    ['more than 2048 inputs', '/embeddings', { model: 'm', input: Array(2049).fill('x') }],
    ['missing messages', '/chat/completions', { model: 'm' }],
  ])('rejects %s with an OpenAI-style 400', async (_, path, body) => {
    const res = await post(path, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { message: expect.any(String), type: 'invalid_request_error' } });
  });

  it('answers 404 to the Responses API, which compatible servers lack', async () => {
    const res = await post('/responses', { model: 'gpt-4o-mini', input: 'hi' });
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toContain('/v1/responses');
    // The provider's default model (`openai(id)`) uses the Responses API, so it must fail here.
    await expect(generateText({ model: openai('gpt-4o-mini'), prompt: 'hi', maxRetries: 0 })).rejects.toThrow();
    expect(fake.calls).toMatchObject({ unknown: 2, chat: 0 });
  });
});

describe('fault queue', () => {
  it('applies queued faults in order, then behaves normally', async () => {
    fake.failNext('any', { kind: 'status', status: 429, retryAfterSeconds: 1 }, { kind: 'status', status: 500, message: 'boom' });
    const body = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] };

    const first = await post('/chat/completions', body);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(await first.json()).toMatchObject({ error: { type: 'requests', code: 'rate_limit_exceeded' } });

    const second = await post('/chat/completions', body);
    expect(second.status).toBe(500);
    expect(await second.json()).toMatchObject({ error: { message: 'boom', type: 'server_error' } });

    const third = await post('/chat/completions', body);
    expect(third.status).toBe(200);
    expect((await third.json()).choices[0].message.content).toBe('Fake answer: hi');
    expect(fake.calls.chat).toBe(3);
  });

  it('only spends a fault on a matching route', async () => {
    fake.failNext('embeddings', { kind: 'status', status: 503 });
    expect((await post('/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'x' }] })).status).toBe(200);
    expect((await post('/embeddings', { model: 'm', input: 'x' })).status).toBe(503);
    expect((await post('/embeddings', { model: 'm', input: 'x' })).status).toBe(200);
  });

  it('delays a response', async () => {
    fake.failNext('embeddings', { kind: 'delay', ms: 150 });
    const start = performance.now();
    expect((await post('/embeddings', { model: 'm', input: 'x' })).status).toBe(200);
    expect(performance.now() - start).toBeGreaterThanOrEqual(140);
  });

  it('hangs until the client times out, and close() still returns promptly', async () => {
    const own = await startFakeOpenAI();
    own.failNext('chat', { kind: 'hang' }, { kind: 'hang' });
    const body = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }] });
    const request = (signal?: AbortSignal) => fetch(`${own.url}/chat/completions`, { method: 'POST', body, signal });

    await expect(request(AbortSignal.timeout(100))).rejects.toMatchObject({ name: 'TimeoutError' });
    const pending = request().catch((err: unknown) => err); // left hanging: close() must cut it
    await expect.poll(() => own.calls.chat).toBe(2);
    const start = performance.now();
    await own.close();
    expect(performance.now() - start).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('with the AI SDK (chat completions API)', () => {
  it('embedMany gets the fake vectors', async () => {
    const { embeddings, usage } = await embedMany({
      model: openai.embedding('text-embedding-3-small'),
      values: ['first chunk', 'second chunk'],
    });
    expect(embeddings).toEqual([fakeEmbedding('first chunk', 8), fakeEmbedding('second chunk', 8)]);
    expect(usage.tokens).toBeGreaterThan(0);
    expect(fake.requests).toMatchObject([{ body: { model: 'text-embedding-3-small', encoding_format: 'float' } }]);
    expect(fake.calls).toMatchObject({ embeddings: 1, inputsEmbedded: 2 });
  });

  it('embedMany passes providerOptions.openai.dimensions through', async () => {
    const { embeddings } = await embedMany({
      model: openai.embedding('text-embedding-3-small'),
      values: ['x'],
      providerOptions: { openai: { dimensions: 4 } },
    });
    expect(embeddings[0]).toHaveLength(4);
  });

  it('generateText gets the default reply and usage', async () => {
    const result = await generateText({ model: openai.chat('gpt-4o-mini'), system: 'Be brief.', prompt: 'What is Docent?' });
    expect(result.text).toBe('Fake answer: What is Docent?');
    expect(result.finishReason).toBe('stop');
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(fake.calls).toMatchObject({ chat: 1, chatStream: 0, unknown: 0 });
    expect(fake.requests[0]).toMatchObject({ path: '/v1/chat/completions', headers: { authorization: 'Bearer test' } });
  });

  it('setReply receives the model and messages', async () => {
    fake.setReply(({ model, messages }) => `${model} saw ${messages.map((m) => m.role).join(',')}`);
    const { text } = await generateText({ model: openai.chat('gpt-4o-mini'), system: 'S', prompt: 'P' });
    expect(text).toBe('gpt-4o-mini saw system,user');
  });

  it('retries after a 429 with retry-after', async () => {
    fake.failNext('chat', { kind: 'status', status: 429, retryAfterSeconds: 0 });
    const { text } = await generateText({ model: openai.chat('gpt-4o-mini'), prompt: 'again' });
    expect(text).toBe('Fake answer: again');
    expect(fake.calls.chat).toBe(2);
  });

  it('streamText streams word-sized deltas and usage', async () => {
    fake.setReply('one two three four');
    const result = streamText({ model: openai.chat('gpt-4o-mini'), prompt: 'count' });
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);
    expect(deltas.join('')).toBe('one two three four');
    expect(deltas.length).toBeGreaterThanOrEqual(4);
    expect(await result.finishReason).toBe('stop');
    expect((await result.usage).outputTokens).toBe(4);
    expect(fake.calls).toMatchObject({ chat: 1, chatStream: 1 });
    expect(fake.requests).toMatchObject([{ body: { stream: true, stream_options: { include_usage: true } } }]);
  });

  it('sends a slow stream one event at a time, the whole answer in the end', async () => {
    fake.setReply('one two three');
    fake.failNext('chat', { kind: 'slow-stream', chunkDelayMs: 100 });
    const res = await post('/chat/completions', { model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'count' }] });
    const reads: string[] = [];
    const decoder = new TextDecoder();
    const reader = res.body!.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) reads.push(decoder.decode(read.value, { stream: true }));
    const body = reads.join('');
    const content = [...body.matchAll(/"content":"([^"]*)"/g)].map((m) => m[1]).join('');
    expect(content).toBe('one two three');
    expect(body).toContain('data: [DONE]');
    // Role + three words, each after a pause: they arrive apart, not in one burst as an unpaced answer does.
    expect(reads.filter((r) => r.includes('"delta"')).length).toBeGreaterThanOrEqual(4);
  });

  it('streamText surfaces a cut stream as a thrown error after the partial text', async () => {
    fake.setReply('one two three four five');
    fake.failNext('chat', { kind: 'cut-stream', afterChunks: 2 });
    const result = streamText({ model: openai.chat('gpt-4o-mini'), prompt: 'count' });
    let text = '';
    const consume = async () => {
      for await (const part of result.fullStream) if (part.type === 'text-delta') text += part.text;
    };
    // A transport error mid-stream is not an `error` part: iteration itself rejects.
    await expect(consume()).rejects.toMatchObject({ name: 'AI_APICallError', cause: { message: 'terminated' } });
    expect(text).toBe('one two ');
    await expect(result.text).rejects.toThrow();
    expect(fake.calls.chatStream).toBe(1); // a broken stream is not retried
  });
});
