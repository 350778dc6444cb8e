import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpOwner } from '@/test/support/accounts';
import { startAppServer, type AppServer } from '@/test/support/app-server';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/support/fake-openai';
import { tempDir } from '@/test/support/databases';
import { startPostgresCluster, type PostgresCluster } from '@/test/support/postgres-cluster';

async function getJson(url: string, init?: RequestInit) {
  const response = await fetch(url, init);
  return { response, body: (await response.json()) as Record<string, unknown> };
}

describe('health on the embedded default (PGlite, offline models)', () => {
  let app: AppServer;
  let data: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    data = await tempDir('docent-app-data-');
    app = await startAppServer({ DATA_DIR: data.path });
  });
  afterAll(async () => {
    await app?.stop();
    await data?.remove();
  });

  it.each(['/health', '/api/health'])('%s reports "ok" (the original\'s word), the version, the database and the offline providers', async (path) => {
    const { response, body } = await getJson(`${app.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(body).toMatchObject({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      database: { status: 'up', driver: 'pglite', latencyMs: expect.any(Number) },
      providers: {
        offline: true,
        chat: { provider: 'offline', model: 'docent-extractive-v1' },
        embedding: { provider: 'offline', model: 'docent-hash-v1', dimensions: 768 },
      },
    });
  });

  it('echoes a client’s X-Request-ID and makes one up otherwise, on APIs and pages alike', async () => {
    const echoed = await fetch(`${app.url}/health`, { headers: { 'X-Request-ID': 'client-abc.123' } });
    expect(echoed.headers.get('x-request-id')).toBe('client-abc.123');

    const fresh = await fetch(`${app.url}/health`);
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const unsafe = await fetch(`${app.url}/health`, { headers: { 'X-Request-ID': 'a b <script>' } });
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    for (const path of ['/', '/api/trpc/health.get', '/no-such-page']) {
      const response = await fetch(`${app.url}${path}`, { headers: { 'X-Request-ID': `rid-${path.length}` } });
      expect(response.headers.get('x-request-id'), path).toBe(`rid-${path.length}`);
    }
  });

  it('serves the health procedure over tRPC', async () => {
    const { response, body } = await getJson(`${app.url}/api/trpc/health.get`);
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ result: { data: { json: { status: 'ok', database: { driver: 'pglite' } } } } });
  });

  it('turns invalid tRPC input into a readable message naming the field', async () => {
    const owner = await setUpOwner(app);
    const input = encodeURIComponent(JSON.stringify({ json: { limit: 0 } }));
    const response = await owner.fetch(`/api/trpc/sessions.list?input=${input}`);
    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status).toBe(400);
    expect(body).toMatchObject({
      error: { json: { message: expect.stringMatching(/^limit: Too small/), data: { appCode: 'VALIDATION_ERROR' } } },
    });
  });
});

describe('health on PostgreSQL when the database stops and comes back', () => {
  let cluster: PostgresCluster;
  let app: AppServer;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
    app = await startAppServer({ DATABASE_URL: await cluster.createDatabase(), DB_CONNECT_TIMEOUT: '2' });
  });
  afterAll(async () => {
    await app?.stop();
    await cluster?.destroy();
  });

  it('is 200 while up, 503 "degraded" while down, and recovers without a restart', async () => {
    const owner = await setUpOwner(app);
    const up = await getJson(`${app.url}/health`);
    expect(up.response.status).toBe(200);
    expect(up.body.database).toMatchObject({ status: 'up', driver: 'postgres' });

    await cluster.stop();
    const started = performance.now();
    const down = await getJson(`${app.url}/health`);
    expect(down.response.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'degraded', database: { status: 'down', driver: 'postgres' } });
    expect(performance.now() - started).toBeLessThan(5_000);

    // Signed in, but the database cannot say so: 503, not a 401 that would send the person to sign in.
    const listedResponse = await owner.fetch('/api/trpc/sessions.list');
    const listed = { response: listedResponse, body: (await listedResponse.json()) as Record<string, unknown> };
    expect(listed.response.status).toBe(503);
    expect(listed.body).toMatchObject({
      error: { json: { message: 'The database is unavailable', data: { appCode: 'DATABASE_CONNECTION_ERROR' } } },
    });

    await cluster.start();
    let recovered = 0;
    for (let attempt = 0; attempt < 50 && recovered !== 200; attempt++) {
      recovered = (await fetch(`${app.url}/health`)).status;
      if (recovered !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(recovered).toBe(200);
  });
});

describe('health with an OpenAI-compatible server configured', () => {
  let fake: FakeOpenAI;
  let app: AppServer;
  let data: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    data = await tempDir('docent-app-data-');
    app = await startAppServer({
      DATA_DIR: data.path,
      OPENAI_BASE_URL: fake.url,
      CHAT_MODEL: 'llama3.1',
      EMBEDDING_MODEL: 'nomic-embed-text',
      EMBEDDING_DIMENSIONS: '768',
    });
  });
  afterAll(async () => {
    await app?.stop();
    await fake?.close();
    await data?.remove();
  });

  it('reports the configured models instead of the offline ones, without calling the model server', async () => {
    const { response, body } = await getJson(`${app.url}/health`);
    expect(response.status).toBe(200);
    expect(body).toMatchObject({
      providers: {
        offline: false,
        chat: { provider: 'openai', model: 'llama3.1', baseURL: fake.url },
        embedding: { provider: 'openai', model: 'nomic-embed-text', dimensions: 768 },
      },
    });
    expect(fake.calls).toMatchObject({ embeddings: 0, chat: 0, unknown: 0 });
  });
});
