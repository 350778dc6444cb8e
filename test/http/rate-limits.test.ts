import http from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { setUpOwner, type Session } from '@/test/support/accounts';
import { startAppServer, type AppServer } from '@/test/support/app-server';
import { createPostgresDatabase } from '@/test/support/databases';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/support/fake-openai';

/**
 * Limits per caller, across instances: two app servers share one PostgreSQL and one Redis, as two instances behind
 * a load balancer would. Callers are told apart by address: X-Forwarded-For through one trusted proxy
 * (TRUST_PROXY=1), or the socket's own source address on loopback (127.0.0.x).
 */

interface Answer {
  status: number;
  headers: Headers;
  body: { error?: string; code?: string; detail?: unknown } & Record<string, unknown>;
}

async function send(url: string, path: string, body: unknown, headers: Record<string, string>): Promise<Answer> {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text.startsWith('{') ? JSON.parse(text) : {} };
}

/** A POST from a chosen loopback source address: what the server sees as the TCP peer. */
function sendFrom(localAddress: string, url: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}${path}`, { method: 'POST', localAddress, headers: { 'content-type': 'application/json', ...headers } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

describe('rate limits across two instances sharing Redis', () => {
  let one: AppServer;
  let person: Session;
  let two: AppServer;
  beforeAll(async () => {
    const env = {
      DATABASE_URL: await createPostgresDatabase(),
      REDIS_URL: inject('redisUrl'),
      TRUST_PROXY: '1',
      RATE_LIMIT_INGEST: '4',
      RATE_LIMIT_CHAT: '3',
      // A fresh window per run of the file: the Redis server outlives it.
      RATE_LIMIT_WINDOW: '600',
      // The original API's clients without credentials: counted by their address.
      ALLOW_ANONYMOUS_API: 'true',
    };
    [one, two] = await Promise.all([startAppServer(env), startAppServer(env)]);
    person = await setUpOwner(one);
  });
  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
  });

  const run = Date.now() % 100;
  const from = (n: number) => ({ 'x-forwarded-for': `198.51.${run}.${n}`, prefer: 'respond-async' });

  it('counts a caller’s ingests on both instances together, then answers 429 with Retry-After', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await send(i % 2 ? two.url : one.url, '/ingest', { text: `Note ${i} of ${run}` }, from(1))).status);
    expect(statuses).toEqual([202, 202, 202, 202]);

    const refused = await send(two.url, '/ingest', { text: 'One too many' }, from(1));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(500);
    expect(refused.body).toMatchObject({
      code: 'RATE_LIMITED',
      error: expect.stringMatching(/^Too many documents added in a short time: the limit is 4 every 600 seconds\. Try again in \d+ s\.$/),
      detail: { limit: 4, window_seconds: 600 },
    });
  });

  it('counts a signed-in person’s REST ingests and the pages’ tRPC procedure against one allowance', async () => {
    const asPerson = { cookie: person.cookie, prefer: 'respond-async' };
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        i % 2
          ? (await send(two.url, '/api/trpc/documents.ingestText', { json: { text: `Pasted ${i} of ${run}` } }, asPerson)).status
          : (await send(one.url, '/ingest', { text: `Person note ${i} of ${run}` }, asPerson)).status,
      );
    }
    expect(statuses).toEqual([202, 200, 202, 200]);
    const trpc = await send(one.url, '/api/trpc/documents.ingestText', { json: { text: 'Pasted once too often' } }, asPerson);
    expect(trpc.status).toBe(429);
    expect(trpc.headers.get('retry-after')).toBeTruthy();
    expect(trpc.body).toMatchObject({ error: { json: { data: { code: 'TOO_MANY_REQUESTS', appCode: 'RATE_LIMITED' } } } });
  });

  it('leaves other callers alone', async () => {
    expect((await send(one.url, '/ingest', { text: `Another caller ${run}` }, from(2))).status).toBe(202);
    expect((await send(two.url, '/ingest', { text: `A third caller ${run}` }, from(3))).status).toBe(202);
  });

  it('limits a signed-in person’s questions on /chat and the browser’s /api/chat together, on both instances', async () => {
    // One person (user:<id>), whichever instance and endpoint; the session lives in the shared database.
    const caller = { ...from(4), cookie: person.cookie };
    const statuses = [
      (await send(one.url, '/chat', { session_id: `limits-${run}`, message: 'What is a note?' }, caller)).status,
      (await send(two.url, '/api/chat', { sessionId: `limits-ui-${run}`, trigger: 'submit-message', message: { parts: [{ type: 'text', text: 'Notes?' }] } }, caller)).status,
      (await send(one.url, '/chat', { session_id: `limits-${run}`, message: 'And another?' }, caller)).status,
    ];
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await send(two.url, '/chat', { session_id: `limits-${run}`, message: 'One more?' }, caller);
    expect(refused).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED', error: expect.stringMatching(/^Too many questions in a short time/) } });
  });

  it('knows a caller by the socket’s address, whatever it claims in the server’s own header', async () => {
    const address = `127.0.${run}.9`;
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(await sendFrom(address, i % 2 ? two.url : one.url, '/ingest', { text: `Socket note ${i} ${run}` }, { prefer: 'respond-async', 'x-docent-client-ip': `203.0.113.${i}` }));
    }
    expect(statuses).toEqual([202, 202, 202, 202, 429]);
    expect(await sendFrom(`127.0.${run}.10`, one.url, '/ingest', { text: `Neighbour ${run}` }, { prefer: 'respond-async' })).toBe(202);
  });
});

describe('answers in flight are bounded per instance', () => {
  let fake: FakeOpenAI;
  let app: AppServer;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    app = await startAppServer({
      DATABASE_URL: await createPostgresDatabase(),
      OPENAI_BASE_URL: fake.url,
      OPENAI_API_KEY: 'sk-test',
      MAX_CONCURRENT_ANSWERS: '1',
      RESPONSE_CACHE_TTL: '0',
      ALLOW_ANONYMOUS_API: 'true',
    });
    // Something to answer from: with an empty library Docent answers itself, without the model, at once.
    const ingested = await send(app.url, '/ingest', { text: 'The Lighthouse X2 lamp runs for 4,000 hours.', title: 'Lamp manual' }, {});
    expect(ingested.status).toBe(200);
  });
  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it('refuses a question past MAX_CONCURRENT_ANSWERS with 503 and Retry-After, and takes the next once one ends', async () => {
    fake.failNext('chat', { kind: 'slow-stream', chunkDelayMs: 150 });
    const first = fetch(`${app.url}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ session_id: 'busy-1', message: 'Tell me about lamps, slowly.' }),
    });
    const streaming = await first;
    expect(streaming.status).toBe(200);

    const busy = await send(app.url, '/chat', { session_id: 'busy-2', message: 'Me too?' }, {});
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('5');
    expect(busy.body).toMatchObject({ code: 'SERVER_BUSY', error: expect.stringContaining('Ask again in a few seconds') });

    await streaming.text();
    expect((await send(app.url, '/chat', { session_id: 'busy-3', message: 'Now?' }, {})).status).toBe(200);
  });
});
