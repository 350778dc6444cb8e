import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database, Orm } from '../client';
import { isUniqueViolation } from '../errors';
import { chunkEmbeddings, embeddingState, reembedJobs } from '../schema';
import { bumpCorpusVersion } from './corpus-version';

/**
 * Re-embedding every chunk with another model while searches keep using the current one (server/embedding/reembed.ts
 * drives it). The new vectors wait in chunk_embeddings; one transaction moves them into chunks and switches
 * embedding_state.active_model, so a search sees all old vectors or all new ones.
 */

export interface ReembedJob {
  id: string;
  model: string;
  fromModel: string;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  error: string | null;
  requestedBy: string;
  createdAt: Date;
  finishedAt: Date | null;
}

/** The model whose vectors the searches use, or null before anything recorded one. */
export async function readActiveModel(db: Database, orm: Orm = db.orm): Promise<string | null> {
  const [row] = await orm.select({ model: embeddingState.activeModel }).from(embeddingState).where(eq(embeddingState.id, 1));
  return row?.model ?? null;
}

/**
 * Records the active model once: the model most chunks were embedded with (a database from before this table), or
 * `configured` for an empty one. Returns the active model.
 */
export async function initActiveModel(db: Database, configured: string): Promise<string> {
  const [common] = await db.rows<{ model: string }>(
    sql`SELECT embedding_model AS model FROM chunks GROUP BY embedding_model ORDER BY count(*) DESC LIMIT 1`,
  );
  await db.orm.insert(embeddingState).values({ id: 1, activeModel: common?.model ?? configured }).onConflictDoNothing();
  return (await readActiveModel(db))!;
}

/** For an empty library: nothing to re-embed, the model simply becomes the active one. */
export async function setActiveModelIfEmpty(db: Database, model: string): Promise<boolean> {
  return db.orm.transaction(async (tx) => {
    const orm = tx as unknown as Orm;
    await orm.execute(sql`SELECT 1 FROM embedding_state WHERE id = 1 FOR UPDATE`);
    const [any] = await db.rows(sql`SELECT 1 FROM chunks LIMIT 1`, orm);
    if (any) return false;
    await orm.update(embeddingState).set({ activeModel: model, updatedAt: new Date() }).where(eq(embeddingState.id, 1));
    return true;
  });
}

/** The running job, or else the latest one. */
export async function latestReembed(db: Database): Promise<ReembedJob | null> {
  const [job] = await db.orm
    .select()
    .from(reembedJobs)
    .orderBy(sql`${reembedJobs.status} = 'running' DESC`, desc(reembedJobs.createdAt))
    .limit(1);
  return (job as ReembedJob | undefined) ?? null;
}

/** Starts a job; null when one is already running (at most one at a time, enforced by a unique index). */
export async function insertReembed(db: Database, job: { model: string; fromModel: string; requestedBy: string }): Promise<ReembedJob | null> {
  try {
    const [row] = await db.orm.insert(reembedJobs).values(job).returning();
    return row as ReembedJob;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/** Takes (or keeps) the running job's lease; null when there is none or another worker holds it. */
export async function claimReembed(db: Database, workerId: string, leaseSeconds: number): Promise<ReembedJob | null> {
  const [job] = await db.orm
    .update(reembedJobs)
    .set({ lockedBy: workerId, lockedUntil: sql`now() + make_interval(secs => ${leaseSeconds})`, updatedAt: new Date() })
    .where(
      and(
        eq(reembedJobs.status, 'running'),
        sql`(${reembedJobs.lockedUntil} IS NULL OR ${reembedJobs.lockedUntil} < now() OR ${reembedJobs.lockedBy} = ${workerId})`,
      ),
    )
    .returning();
  return (job as ReembedJob | undefined) ?? null;
}

/** Chunks that have no vector of `model` yet, neither in place nor beside. */
export function chunksToReembed(db: Database, model: string, limit: number): Promise<Array<{ id: string; content: string }>> {
  return db.rows(
    sql`SELECT c.id, c.content FROM chunks c
        WHERE c.embedding_model <> ${model}
          AND NOT EXISTS (SELECT 1 FROM chunk_embeddings e WHERE e.model = ${model} AND e.chunk_id = c.id)
        ORDER BY c.id
        LIMIT ${limit}`,
  );
}

/**
 * Keeps new vectors beside their chunks, each only if its chunk still holds the text it was computed from: a chunk
 * deleted meanwhile takes its vector with it (cascade), and one a person edited meanwhile (db/queries/chunk-edits.ts)
 * is left without, so the next batch embeds its new text. The chunks are locked while this checks, so an edit
 * committing at the same moment is either seen or waited for.
 */
export async function storeReembedded(
  db: Database,
  model: string,
  rows: Array<{ chunkId: string; content: string; embedding: ArrayLike<number> }>,
): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((r) => sql`(${r.chunkId}::uuid, ${r.content}, ${`[${Array.from(r.embedding).join(',')}]`})`);
  await db.orm.execute(
    sql`INSERT INTO chunk_embeddings (chunk_id, model, embedding)
        SELECT c.id, ${model}, v.embedding::vector
        FROM (VALUES ${sql.join(values, sql`, `)}) AS v (id, content, embedding)
        JOIN chunks c ON c.id = v.id AND c.content = v.content
        FOR SHARE OF c
        ON CONFLICT DO NOTHING`,
  );
}

/** Counts what is done (chunks with a vector of the job's model) and records it with the job. */
export async function updateReembedProgress(db: Database, job: { id: string; model: string }): Promise<{ done: number; total: number }> {
  const [row] = await db.rows<{ done: number; total: number }>(
    sql`SELECT (SELECT count(*) FROM chunks WHERE embedding_model = ${job.model})
             + (SELECT count(*) FROM chunk_embeddings e WHERE e.model = ${job.model}) AS done,
           (SELECT count(*) FROM chunks) AS total`,
  );
  const progress = { done: Number(row!.done), total: Number(row!.total) };
  await db.orm.update(reembedJobs).set({ ...progress, updatedAt: new Date() }).where(eq(reembedJobs.id, job.id));
  return progress;
}

/**
 * Moves the new vectors into the chunks and makes the job's model the active one, in one transaction, if every
 * chunk has one; false (nothing changed) when chunks were added since the last batch. Holding embedding_state's
 * row keeps an ingestion from committing chunks of the old model in between (completeJob checks it).
 */
export function swapInReembedded(db: Database, job: { id: string; model: string }): Promise<boolean> {
  return db.orm.transaction(async (tx) => {
    const orm = tx as unknown as Orm;
    // Moving 100,000 vectors and indexing them takes minutes: DB_STATEMENT_TIMEOUT is for requests.
    await orm.execute(sql`SET LOCAL statement_timeout = 0`);
    await orm.execute(sql`SELECT 1 FROM embedding_state WHERE id = 1 FOR UPDATE`);
    const [missing] = await db.rows(
      sql`SELECT 1 FROM chunks c WHERE c.embedding_model <> ${job.model}
            AND NOT EXISTS (SELECT 1 FROM chunk_embeddings e WHERE e.model = ${job.model} AND e.chunk_id = c.id) LIMIT 1`,
      orm,
    );
    if (missing) return false;
    await orm.execute(
      sql`UPDATE chunks c SET embedding = e.embedding, embedding_model = e.model
          FROM chunk_embeddings e WHERE e.model = ${job.model} AND e.chunk_id = c.id`,
    );
    await orm.delete(chunkEmbeddings).where(eq(chunkEmbeddings.model, job.model));
    await orm
      .insert(embeddingState)
      .values({ id: 1, activeModel: job.model })
      .onConflictDoUpdate({ target: embeddingState.id, set: { activeModel: job.model, updatedAt: new Date() } });
    const [{ total }] = (await db.rows<{ total: number }>(sql`SELECT count(*) AS total FROM chunks`, orm)) as [{ total: number }];
    await orm
      .update(reembedJobs)
      .set({ status: 'done', done: Number(total), total: Number(total), lockedBy: null, lockedUntil: null, finishedAt: new Date(), updatedAt: new Date() })
      .where(eq(reembedJobs.id, job.id));
    // Cached answers were built from the old vectors' rankings.
    await bumpCorpusVersion(orm);
    return true;
  });
}

/** Ends a job that cannot go on (its model is not available here), dropping its vectors. */
export async function failReembed(db: Database, jobId: string, model: string, error: string): Promise<void> {
  await db.orm.transaction(async (tx) => {
    const orm = tx as unknown as Orm;
    await orm
      .update(reembedJobs)
      .set({ status: 'failed', error, lockedBy: null, lockedUntil: null, finishedAt: new Date(), updatedAt: new Date() })
      .where(eq(reembedJobs.id, jobId));
    await orm.delete(chunkEmbeddings).where(eq(chunkEmbeddings.model, model));
  });
}
