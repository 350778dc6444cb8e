import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { getDocument } from '@/db/queries/documents';
import { parseConfig } from '@/server/config';
import { ingestText } from '@/server/documents/documents';
import { createProviders } from '@/server/providers/registry';
import { vectorIndexSpec } from '@/server/services';
import { createPostgresDatabase, openPostgresAt } from '@/test/support/databases';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/support/fake-openai';
import { waitFor } from '@/test/support/services';
import { createTestOwner } from '@/test/support/users';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** `npm run worker` as a real separate process, so the test can kill it like a crash would. */
function spawnWorker(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'scripts/ingest-worker.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
}

describe('an ingestion worker killed in the middle of a document', () => {
  let fake: FakeOpenAI;
  let db: Database;
  let env: Record<string, string>;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    // Slow embeddings, two chunks per request: the document takes a few seconds, long enough to kill mid-way.
    fake = await startFakeOpenAI({ delayMs: 150 });
    env = {
      DATABASE_URL: await createPostgresDatabase(),
      OPENAI_BASE_URL: fake.url,
      OPENAI_API_KEY: 'sk-test',
      CHUNK_SIZE: '64',
      CHUNK_OVERLAP: '8',
      EMBED_BATCH_SIZE: '2',
      EMBED_CONCURRENCY: '1',
      INGEST_CONCURRENCY: '1',
      INGEST_JOB_LEASE_SECONDS: '2',
      LOG_LEVEL: 'silent',
    };
    const config = parseConfig(env);
    db = openPostgresAt(env.DATABASE_URL!);
    await migrateDatabase(db, vectorIndexSpec(config, createProviders(config)));
  });
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await db?.close();
    await fake?.close();
  });

  it('is resumed by another worker: the document ends ready, with every chunk once', { timeout: 90_000 }, async () => {
    const text = Array.from({ length: 120 }, (_, i) => `Sentence ${i} describes tide table entry ${i * 7} for the harbour.`).join(' ');
    const config = parseConfig(env);
    const owner = await createTestOwner(db);
    const { documentId } = await ingestText({ db, config }, owner, { text });

    const first = spawnWorker(env);
    workers.push(first);
    await waitFor(async () => {
      const doc = await getDocument(db, owner.userId, documentId);
      // Reading fills the bar to 40%; past 60% some embedding batches are done (and cached).
      return doc && doc.status === 'processing' && doc.progress >= 60 ? doc : undefined;
    }, 60_000, 'the first worker to get part-way');
    first.kill('SIGKILL');
    const callsBeforeResume = fake.calls.embeddings;

    workers.push(spawnWorker(env));
    const doc = await waitFor(async () => {
      const d = await getDocument(db, owner.userId, documentId);
      return d?.status === 'ready' ? d : undefined;
    }, 60_000, 'the second worker to finish');

    const [stats] = await db.rows<{ total: number; distinct_ordinals: number; max_ordinal: number }>(
      sql`SELECT count(*)::int AS total, count(DISTINCT ordinal)::int AS distinct_ordinals, max(ordinal) AS max_ordinal
          FROM chunks WHERE document_id = ${documentId}`,
    );
    expect(stats!.total).toBe(doc.chunkCount);
    expect(stats!.distinct_ordinals).toBe(stats!.total);
    expect(stats!.max_ordinal).toBe(stats!.total - 1);

    const [job] = await db.rows<{ attempts: number; status: string }>(
      sql`SELECT attempts, status FROM ingest_jobs WHERE document_id = ${documentId}`,
    );
    expect(job).toEqual({ attempts: 2, status: 'done' });
    // The batches embedded before the crash came from the cache: the second worker paid only for the rest.
    const totalBatches = Math.ceil(doc.chunkCount / 2);
    expect(fake.calls.embeddings - callsBeforeResume).toBeLessThan(totalBatches);
  });
});
