import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpOwner, type Session } from '@/test/support/accounts';
import { startAppServer, type AppServer } from '@/test/support/app-server';
import { tempDir } from '@/test/support/databases';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/support/fake-openai';
import { sampleSum } from '@/test/support/prometheus';
import { waitFor } from '@/test/support/services';

const ADMIN_TOKEN = 'operations-test-admin-token';

describe('metrics and admin access', () => {
  let app: AppServer;
  let fake: FakeOpenAI;
  let owner: Session;
  let data: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    data = await tempDir('docent-ops-');
    app = await startAppServer({
      DATA_DIR: data.path,
      OPENAI_BASE_URL: fake.url,
      OPENAI_API_KEY: 'sk-test',
      ADMIN_TOKEN,
      METRICS_SAMPLE_SECONDS: '1',
    });
    owner = await setUpOwner(app);
  });
  afterAll(async () => {
    await app?.stop();
    await fake?.close();
    await data?.remove();
  });

  const scrape = async () => {
    const response = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  };
  const post = (path: string, body: unknown) =>
    owner.fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('refuses /metrics and admin procedures to anyone but an admin or the admin token', async () => {
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(401);
    const overview = await fetch(`${app.url}/api/trpc/admin.overview`);
    expect(overview.status).toBe(401);
    const body = await overview.text();
    expect(body).not.toContain('embedding_cache');
  });

  it('counts requests, cache hits, tokens, cost, queries and ingestion after real traffic', async () => {
    const before = await scrape();
    for (let i = 0; i < 3; i++) await fetch(`${app.url}/health`);
    const ingested = (await (await post('/ingest', { text: 'Fog signals sound every thirty seconds in poor visibility.' })).json()) as { document_id: string };
    await waitFor(async () => {
      const doc = (await (await owner.fetch(`/documents/${ingested.document_id}`)).json()) as { status: string };
      return doc.status === 'ready' ? true : undefined;
    });
    for (const session of ['m1', 'm2']) await post('/chat', { session_id: session, message: 'How often do fog signals sound?' });

    const after = await scrape();
    const grew = (name: string, labels: Record<string, string> = {}) => sampleSum(after, name, labels) - sampleSum(before, name, labels);
    expect(grew('docent_http_requests_total', { route: '/health', method: 'GET', status: '200' })).toBe(3);
    expect(grew('docent_http_request_duration_seconds_count', { route: '/chat', status: '200' })).toBe(2);
    expect(grew('docent_cache_requests_total', { cache: 'response', result: 'miss' })).toBe(1);
    expect(grew('docent_cache_requests_total', { cache: 'response', result: 'hit' })).toBe(1);
    expect(grew('docent_cache_requests_total', { cache: 'session', result: 'miss' })).toBe(2);
    expect(grew('docent_llm_tokens_total', { model: 'gpt-4o-mini', direction: 'output' })).toBeGreaterThan(0);
    expect(grew('docent_llm_tokens_total', { model: 'text-embedding-3-small', direction: 'input' })).toBeGreaterThan(0);
    expect(grew('docent_llm_cost_usd_total', { model: 'gpt-4o-mini' })).toBeGreaterThan(0);
    expect(grew('docent_llm_time_to_first_token_seconds_count', { model: 'gpt-4o-mini' })).toBe(1);
    expect(grew('docent_chat_answers_total', { status: 'complete', cached: 'true' })).toBe(1);
    expect(grew('docent_ingest_job_duration_seconds_count', { outcome: 'ready' })).toBe(1);
    expect(grew('docent_db_query_duration_seconds_count')).toBeGreaterThan(10);
    expect(sampleSum(after, 'docent_db_pool_max')).toBe(1);
    expect(sampleSum(after, 'docent_ingest_queue_depth')).toBe(0);
    expect(sampleSum(after, 'docent_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts retries and rate-limit hits against the model service', async () => {
    const before = await scrape();
    fake.failNext('chat', { kind: 'status', status: 429, retryAfterSeconds: 0 });
    await post('/chat', { session_id: 'rl', message: 'Tell me about fog signals, please.' });
    const after = await scrape();
    expect(sampleSum(after, 'docent_llm_retries_total', { operation: 'chat' }) - sampleSum(before, 'docent_llm_retries_total', { operation: 'chat' })).toBe(1);
    expect(sampleSum(after, 'docent_llm_rate_limited_total', { operation: 'chat' }) - sampleSum(before, 'docent_llm_rate_limited_total', { operation: 'chat' })).toBe(1);
  });

  it('lets an administrator read the overview and the sampled charts, and run maintenance', async () => {
    const overview = (await (await owner.fetch('/api/trpc/admin.overview')).json()) as {
      result: { data: { json: { tables: Array<{ table: string; rows: number }>; vectorIndexes: Array<{ method: string; parameters: string }>; slowQueries: { available: boolean } } } };
    };
    const data = overview.result.data.json;
    expect(data.tables.find((t) => t.table === 'documents')?.rows).toBe(1);
    expect(data.vectorIndexes[0]).toMatchObject({ method: 'hnsw', parameters: 'm=16, ef_construction=200' });
    expect(data.slowQueries.available).toBe(false);

    const points = await waitFor(async () => {
      const response = (await (await owner.fetch('/api/trpc/admin.metrics')).json()) as {
        result: { data: { json: { points: Array<{ requestsPerSecond: number }> } } };
      };
      const withTraffic = response.result.data.json.points.filter((p) => p.requestsPerSecond > 0);
      return withTraffic.length > 0 ? withTraffic : undefined;
    }, 10_000);
    expect(points[0]!.requestsPerSecond).toBeGreaterThan(0);

    const run = await post('/api/trpc/admin.runMaintenance', { json: { task: 'vacuum-analyze' } });
    expect(run.status).toBe(200);
    expect(((await run.json()) as { result: { data: { json: { status: string } } } }).result.data.json.status).toBe('succeeded');
  });
});
