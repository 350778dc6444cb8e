import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimNextJob, completeJob } from '@/db/queries/ingest-jobs';
import { initActiveModel } from '@/db/queries/reembed';
import { retrievePassages } from '@/server/chat/retrieve';
import { ingestText } from '@/server/documents/documents';
import { embedTextOffline } from '@/server/providers/offline-embedder';
import { parseConfig } from '@/server/config';
import { forgetActiveModel } from '@/server/embedding/active-model';
import { ReembedWorker, reembedStatus, startReembed } from '@/server/ingest/reembed';
import { OFFLINE_EMBEDDING_MODEL_ID } from '@/server/providers/offline-embedder';
import { createProviders } from '@/server/providers/registry';
import { USE_EMBEDDING_MODEL_ID } from '@/server/providers/use-embedder';
import type { UserCaller } from '@/server/auth/caller';
import type { Services } from '@/server/services';
import { createCaller } from '@/server/trpc/root';
import { DRIVERS } from '@/test/support/databases';
import { ingestAndWait } from '@/test/support/ingest';
import { createTestServices, waitFor } from '@/test/support/services';
import { createTestUser } from '@/test/support/users';

const TOPICS = ['lighthouse lamp', 'tomato garden', 'harbour boat', 'bread oven', 'violin strings', 'mountain trail', 'bicycle chain', 'coffee beans'];
const DOCS = TOPICS.flatMap((topic, t) =>
  [1, 2].map((n) => ({ title: `${topic} ${n}`, text: `Notes on the ${topic}, part ${n}. The ${topic} needs care every week; document ${t}-${n}.` })),
);

describe.each(DRIVERS)('re-embedding the library on %s', (driver) => {
  let services: Services;
  let owner: UserCaller;
  let cleanup: () => Promise<void>;
  const workers: ReembedWorker[] = [];

  beforeEach(async () => {
    forgetActiveModel();
    // A library embedded by the hashed embedder, as every install before the sentence encoder.
    ({ services, owner, cleanup } = await createTestServices(driver, { EMBEDDING_MODEL: 'offline-hashed', INGEST_CONCURRENCY: '1' }));
    await ingestAndWait(services, owner, DOCS);
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    forgetActiveModel();
    await cleanup();
  });

  /** The same database, with EMBEDDING_MODEL switched to the sentence encoder (as after a restart). */
  function switched(): Services {
    const config = parseConfig({ EMBEDDING_MODEL: 'offline-use', INGEST_CONCURRENCY: '1' });
    return { ...services, config, providers: createProviders(config) };
  }
  const worker = (on: Services, leaseSeconds = 30) => {
    const w = new ReembedWorker(on, { batchSize: 3, leaseSeconds, pollIntervalMs: 50 });
    workers.push(w);
    w.start();
    return w;
  };
  const models = () =>
    services.db.rows<{ model: string; n: number }>(sql`SELECT embedding_model AS model, count(*)::int AS n FROM chunks GROUP BY 1 ORDER BY 1`);
  const ask = (on: Services, question: string) => retrievePassages(on, owner, { question, vaultId: null, topK: 5 });

  it('re-embeds in the background when EMBEDDING_MODEL changes: searches keep finding everything, then switch at once', async () => {
    const next = switched();
    worker(next); // reconciles: the configured model differs from the library's
    const progress: Array<[number, number]> = [];
    const searches: Array<{ titles: string[]; ids: string[] }> = [];
    let added = false;
    for (;;) {
      const status = await reembedStatus(next);
      if (status.job) progress.push([status.job.done, status.job.total]);
      const found = await ask(next, 'How often does the violin strings need care?');
      searches.push({ titles: found.map((p) => p.title), ids: found.map((p) => p.chunkId) });
      if (!added && status.job && status.job.done > 0) {
        // A document arriving mid-way is searchable at once (old model) and re-embedded before the switch.
        await ingestAndWait(next, owner, [{ title: 'accordion bellows 1', text: 'Notes on the accordion bellows: patch the bellows with leather.' }]);
        added = true;
      }
      if (status.job?.status === 'done') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(searches.length).toBeGreaterThan(2);
    for (const search of searches) {
      expect(search.ids.length).toBe(5); // never empty, never short
      expect(new Set(search.ids).size).toBe(search.ids.length); // never a chunk twice
      expect(search.titles.slice(0, 2).every((t) => t.startsWith('violin strings'))).toBe(true);
    }
    // Progress went up in steps and ended complete, counting the document added mid-way.
    const dones = progress.map(([done]) => done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    // Seen mid-way at least once (the document added then proves it) and at the end; how many steps in between
    // depends on how fast this machine embeds.
    expect(new Set(dones).size).toBeGreaterThanOrEqual(2);
    expect(dones.some((done) => done > 0 && done < DOCS.length + 1)).toBe(true);
    expect(progress.at(-1)).toEqual([DOCS.length + 1, DOCS.length + 1]);

    const status = await reembedStatus(next);
    expect(status).toMatchObject({ activeModel: USE_EMBEDDING_MODEL_ID, configuredModel: USE_EMBEDDING_MODEL_ID, job: { status: 'done', fromModel: OFFLINE_EMBEDDING_MODEL_ID, model: USE_EMBEDDING_MODEL_ID } });
    expect(await models()).toEqual([{ model: USE_EMBEDDING_MODEL_ID, n: DOCS.length + 1 }]);
    const [{ dims, left }] = (await services.db.rows<{ dims: number; left: number }>(
      sql`SELECT (SELECT vector_dims(embedding) FROM chunks LIMIT 1) AS dims, (SELECT count(*)::int FROM chunk_embeddings) AS left`,
    )) as [{ dims: number; left: number }];
    expect({ dims, left }).toEqual({ dims: 512, left: 0 });
    // BM25's statistics count each chunk once, as before.
    const [corpus] = await services.db.rows<{ chunks: number }>(sql`SELECT chunks::int FROM search_corpus`);
    expect(corpus!.chunks).toBe(DOCS.length + 1);
    const after = await ask(next, 'patch the accordion bellows');
    expect(after[0]!.title).toBe('accordion bellows 1');
  });

  it('resumes after a restart from the vectors already computed', async () => {
    const next = switched();
    const first = worker(next, 1);
    await waitFor(async () => {
      const s = await reembedStatus(next);
      return s.job && s.job.done >= 6 ? true : undefined;
    }, 60_000, 'some progress');
    await first.stop(); // the process stops mid-way
    const [{ kept }] = (await services.db.rows<{ kept: number }>(sql`SELECT count(*)::int AS kept FROM chunk_embeddings`)) as [{ kept: number }];
    const stopped = await reembedStatus(next);
    expect(stopped.job).toMatchObject({ status: 'running' });
    expect(stopped.activeModel).toBe(OFFLINE_EMBEDDING_MODEL_ID);
    expect(kept).toBeGreaterThanOrEqual(6);
    expect(kept).toBeLessThan(DOCS.length);
    expect(await ask(next, 'bread oven care')).toHaveLength(5); // still searchable on the old vectors

    // Another process (a new worker id) takes over once the lease has run out, and finishes.
    worker(next, 1);
    const done = await waitFor(async () => {
      const s = await reembedStatus(next);
      return s.job?.status === 'done' ? s : undefined;
    }, 60_000, 'the re-embed to finish');
    expect(done.job!.id).toBe(stopped.job!.id);
    expect(await models()).toEqual([{ model: USE_EMBEDDING_MODEL_ID, n: DOCS.length }]);
  });

  it('starts a re-embed for any configured model, and refuses the current one or an unknown one', async () => {
    await expect(startReembed(services, OFFLINE_EMBEDDING_MODEL_ID, owner.userId)).rejects.toThrow(/already uses docent-hash-v1/);
    await expect(startReembed(services, 'text-embedding-3-large', owner.userId)).rejects.toThrow(/not an embedding model this server can use/);
    const started = await startReembed(services, USE_EMBEDDING_MODEL_ID, owner.userId);
    expect(started.job).toMatchObject({ status: 'running', model: USE_EMBEDDING_MODEL_ID, done: 0, total: DOCS.length });
    await expect(startReembed(services, USE_EMBEDDING_MODEL_ID, owner.userId)).rejects.toThrow(/is running/);
    worker(services);
    await waitFor(async () => ((await reembedStatus(services)).job?.status === 'done' ? true : undefined), 60_000, 'the re-embed');
    // The configured model is still the hashed one, but the library now is in the encoder's vectors, and searches use them.
    expect((await reembedStatus(services)).activeModel).toBe(USE_EMBEDDING_MODEL_ID);
    expect((await ask(services, 'tomato garden'))[0]!.title).toMatch(/^tomato garden/);
  });

  it('lets an administrator start a re-embed over tRPC; a member sees only how far it has got', async () => {
    const member = await createTestUser(services.db, { role: 'member' });
    const as = (caller: UserCaller) =>
      createCaller({ ...services, requestId: 'test', headers: new Headers(), caller, authError: null });
    await expect(as(member).embeddings.startReembed({ model: USE_EMBEDDING_MODEL_ID })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as(member).embeddings.status()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as(owner).embeddings.startReembed({ model: 'no-such-model' })).rejects.toThrow(/not an embedding model this server can use/);
    const started = await as(owner).embeddings.startReembed({ model: USE_EMBEDDING_MODEL_ID });
    expect(started.models.map((m) => m.model)).toEqual([OFFLINE_EMBEDDING_MODEL_ID, USE_EMBEDDING_MODEL_ID]);
    expect(await as(member).embeddings.progress()).toEqual({
      activeModel: OFFLINE_EMBEDDING_MODEL_ID,
      job: { model: USE_EMBEDDING_MODEL_ID, fromModel: OFFLINE_EMBEDDING_MODEL_ID, status: 'running', percent: 0 },
    });
  });

  it('refuses the chunks of a document embedded before a switch and written after it, so the document is read again', async () => {
    await initActiveModel(services.db, OFFLINE_EMBEDDING_MODEL_ID);
    const { documentId } = await ingestText(services, owner, { title: 'late note', text: 'A note that was being read while the library switched.' });
    const job = (await claimNextJob(services.db, 'worker-1', 30))!;
    const owned = { id: job.id, documentId, vaultId: job.vaultId, workerId: 'worker-1' };
    const chunks = [{ ordinal: 0, content: 'A note that was being read while the library switched.', tokenCount: 11, embedding: embedTextOffline('A note') }];
    await services.db.rows(sql`UPDATE embedding_state SET active_model = ${USE_EMBEDDING_MODEL_ID}`); // the switch, meanwhile
    await expect(
      completeJob(services.db, owned, { chunks, embeddingModel: OFFLINE_EMBEDDING_MODEL_ID, title: null, activeModel: OFFLINE_EMBEDDING_MODEL_ID }),
    ).rejects.toThrow(/embedding model changed to docent-use-lite-v1/);
    const [written] = await services.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM chunks WHERE document_id = ${documentId}`);
    expect(written!.n).toBe(0);
  });
});
