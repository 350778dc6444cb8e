import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Session, setUpOwner } from '@/test/support/accounts';
import { startAppServer, type AppServer } from '@/test/support/app-server';
import { createPostgresDatabase } from '@/test/support/databases';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/support/fake-openai';
import { startHaproxy, type Balancer } from '@/test/support/haproxy';
import { waitFor } from '@/test/support/services';

/**
 * Two instances of the production build behind a real HAProxy health-checking /health, sharing PostgreSQL and
 * Redis: what a team runs when one machine is not enough. Any instance answers any request for the same person,
 * and one instance dying under kill -9 costs neither the other's streams nor later requests.
 */
describe('two instances behind HAProxy', () => {
  let instances: AppServer[];
  let balancer: Balancer;
  let person: Session;
  let fake: FakeOpenAI;

  const servedBy = (response: Response) => response.headers.get('x-served-by');
  const ask = (question: string, sessionId: string) =>
    person.fetch('/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ message: question, session_id: sessionId }),
    });

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    const env = {
      DATABASE_URL: await createPostgresDatabase(),
      REDIS_URL: inject('redisUrl'),
      OPENAI_BASE_URL: fake.url,
      OPENAI_API_KEY: 'sk-test',
      // The admin charts sample every second, so the shared-charts test sees a sample soon.
      METRICS_SAMPLE_SECONDS: '1',
    };
    // One at a time: the first migrates, the second finds the schema ready (both would also work at once).
    instances = [await startAppServer(env), await startAppServer(env)];
    balancer = await startHaproxy(instances.map((app) => app.url));
    // Both instances are in once HAProxy's health checks have passed twice each.
    await waitFor(async () => {
      const seen = new Set<string | null>();
      for (let i = 0; i < 4; i++) seen.add(servedBy(await fetch(`${balancer.url}/health`)));
      return seen.size === 2 ? true : undefined;
    }, 20_000, 'both instances in the balancer');
    person = await setUpOwner({ url: balancer.url } as AppServer);
    const ingested = await person.post('/ingest', { text: 'The Lighthouse X2 lamp runs for 4,000 hours. Replace it with part LH-88.', title: 'Lamp manual' });
    expect(ingested.status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await balancer?.stop();
    await Promise.all(instances?.map((app) => app.stop()) ?? []);
    await fake?.close();
  });

  it('answers any request on either instance for the same signed-in person', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => person.fetch('/documents')));
    expect(answers.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(new Set(answers.map(servedBy))).toEqual(new Set(['web1', 'web2']));
    const lists = await Promise.all(answers.map(async (r) => ((await r.json()) as { documents: Array<{ title: string }> }).documents.map((d) => d.title)));
    expect(new Set(lists.map((titles) => titles.join('|')))).toEqual(new Set(['Lamp manual']));
  });

  it('draws the whole fleet on either instance’s admin page: a chat answered by one shows on the other’s charts', { timeout: 60_000 }, async () => {
    const [first, second] = instances.map((app) => new Session(app, person.cookie)) as [Session, Session];
    const answered = await first.fetch('/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'Is the lamp manual on the charts?', session_id: 'charts' }),
    });
    expect(answered.status).toBe(200);
    // Only the first instance answered a chat; the second's charts show its latency all the same.
    const chatPoints = async (session: Session) => {
      const metrics = await session.query<{ points: Array<{ chatLatencyMs: { p50: number | null } }> }>('admin.metrics');
      if (!metrics.ok) throw new Error(metrics.message);
      const withChat = metrics.data.points.filter((p) => p.chatLatencyMs.p50 !== null);
      return withChat.length > 0 ? withChat : undefined;
    };
    expect((await waitFor(() => chatPoints(second), 15_000, 'the chat on the second instance’s charts')).length).toBeGreaterThan(0);
    expect((await waitFor(() => chatPoints(first), 15_000, 'the chat on the first instance’s charts')).length).toBeGreaterThan(0);
  });

  it('finishes a stream on one instance while the other is killed, then sends everything to the survivor', { timeout: 60_000 }, async () => {
    fake.setReply(`The lamp runs for 4,000 hours [1]. ${Array.from({ length: 12 }, (_, i) => `word${i}`).join(' ')}`);
    fake.failNext('chat', { kind: 'slow-stream', chunkDelayMs: 250 });
    const streaming = await ask('How long does the lamp run?', 'survivor');
    expect(streaming.status).toBe(200);
    const survivor = servedBy(streaming);
    const victim = instances[survivor === 'web1' ? 1 : 0]!;
    const reader = streaming.body!.getReader();
    let received = new TextDecoder().decode((await reader.read()).value);

    process.kill(victim.pid, 'SIGKILL');
    // Requests made right after the kill, before the health checks notice: refused connections are retried on the
    // survivor, so none fails.
    const during = await Promise.all(Array.from({ length: 10 }, () => person.fetch('/documents')));
    expect(during.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(during.map(servedBy))).toEqual(new Set([survivor]));

    for (let next = await reader.read(); !next.done; next = await reader.read()) received += new TextDecoder().decode(next.value);
    expect(received).toContain('event: done');
    expect(received).toContain('word11');

    const afterwards = await ask('Which part replaces the lamp?', 'afterwards');
    expect(afterwards.status).toBe(200);
    expect(await afterwards.text()).toContain('event: done');
    const history = await person.query<Array<{ title: string | null }>>('sessions.list');
    expect(history.ok).toBe(true);
  });

  it('answers 503 with a message in Docent’s error shape, not a bare proxy page, once no instance is up', async () => {
    await Promise.all(instances.map((app) => app.stop()));
    const response = await person.fetch('/documents');
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ error: expect.stringMatching(/^No Docent server is available right now\./), detail: null, code: 'SERVER_BUSY' });
  });
});
