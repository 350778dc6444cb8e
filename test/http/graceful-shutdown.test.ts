import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { setUpOwner, type Session } from '@/test/support/accounts';
import { startAppServer, type AppServer } from '@/test/support/app-server';
import { createPostgresDatabase, openPostgresAt } from '@/test/support/databases';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/support/fake-openai';
import { waitFor } from '@/test/support/services';

/**
 * An instance told to stop (SIGTERM: a deploy, a scale-down) finishes what it is answering before it leaves: a
 * load balancer sees it refuse new connections and sends them elsewhere, while a streamed answer already under way
 * runs to its end and is stored.
 */
describe('stopping an instance with SIGTERM', () => {
  let app: AppServer;
  let owner: Session;
  let fake: FakeOpenAI;
  let db: Database;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    const url = await createPostgresDatabase();
    db = openPostgresAt(url);
    app = await startAppServer({ DATABASE_URL: url, OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'sk-test' });
    owner = await setUpOwner(app);
    const ingested = await owner.fetch('/ingest', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'The Lighthouse X2 lamp runs for 4,000 hours. Replace it with part LH-88.', title: 'Lamp manual' }),
    });
    expect(ingested.status).toBe(200);
  });
  afterAll(async () => {
    await app?.stop();
    await fake?.close();
    await db?.close();
  });

  it('finishes and stores the streamed answer in flight, refuses new connections, and exits 0', { timeout: 60_000 }, async () => {
    const words = Array.from({ length: 16 }, (_, i) => `word${i}`).join(' ');
    fake.setReply(`The lamp runs for 4,000 hours [1]. ${words}`);
    // About four seconds of answer, one word every 250 ms.
    fake.failNext('chat', { kind: 'slow-stream', chunkDelayMs: 250 });
    const response = await owner.fetch('/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ message: 'How long does the lamp run?', session_id: 'drain' }),
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = decoder.decode((await reader.read()).value);
    expect(received).toContain('event: sources');

    const exited = app.stop();
    // The listener closes at once: a new connection is refused (the balancer's next try goes elsewhere).
    await waitFor(
      () => fetch(`${app.url}/health`, { signal: AbortSignal.timeout(1_000) }).then(() => undefined, () => true),
      5_000,
      'new connections to be refused',
    );

    for (let next = await reader.read(); !next.done; next = await reader.read()) received += decoder.decode(next.value);
    expect(received).toContain('event: done');
    expect(received).toContain('word15');
    expect(await exited).toBe(0);

    const [stored] = await db.rows<{ status: string; content: string }>(
      sql`SELECT m.status, m.content FROM messages m JOIN sessions s ON s.id = m.session_id
          WHERE s.client_id = 'drain' AND m.role = 'assistant'`,
    );
    expect(stored?.status).toBe('complete');
    expect(stored?.content).toContain('word15');
  });
});
