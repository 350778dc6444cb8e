import { and, eq, ne, sql } from 'drizzle-orm';
import type { Database, Orm } from '../client';
import { copyChunks, copyClientOf } from '../copy-chunks';
import { bumpCorpusVersion } from './corpus-version';
import { chunks, documents, embeddingState, ingestJobs } from '../schema';

export interface ClaimedJob {
  id: string;
  documentId: string;
  vaultId: string;
  attempts: number;
  filename: string | null;
  mimeType: string | null;
  title: string | null;
  content: Uint8Array;
  /** The vault's own chunking (null: the configuration's), read when the job is claimed. */
  chunkSize: number | null;
  chunkOverlap: number | null;
}

export interface ChunkRow {
  ordinal: number;
  content: string;
  tokenCount: number;
  /** Where the chunk lies in the extracted text, and its first and last PDF page (null or absent: not known). */
  charStart?: number | null;
  charEnd?: number | null;
  pageStart?: number | null;
  pageEnd?: number | null;
  /** Any array of numbers: vectors computed in an ingestion thread arrive as views of one Float64Array. */
  embedding: ArrayLike<number>;
}

// Keeps each multi-row INSERT well under Postgres's 65,535 bind parameters (11 per chunk).
const CHUNK_INSERT_BATCH = 1_000;

/**
 * Takes the oldest runnable job: queued and due, or running with an expired lease (its worker died).
 * SKIP LOCKED lets any number of workers in any number of processes claim concurrently without waiting
 * on each other or taking the same job.
 */
export async function claimNextJob(db: Database, workerId: string, leaseSeconds: number): Promise<ClaimedJob | null> {
  const rows = await db.rows<{
    id: string;
    document_id: string;
    vault_id: string;
    attempts: number;
    filename: string | null;
    mime_type: string | null;
    title: string | null;
    content: Uint8Array;
    chunk_size: number | null;
    chunk_overlap: number | null;
  }>(sql`
    WITH next AS (
      SELECT id FROM ingest_jobs
      WHERE (status = 'queued' AND run_after <= now()) OR (status = 'running' AND locked_until < now())
      ORDER BY run_after, created_at
      FOR UPDATE SKIP LOCKED
      LIMIT 1
    ), claimed AS (
      UPDATE ingest_jobs j
      SET status = 'running', locked_by = ${workerId}, locked_until = now() + make_interval(secs => ${leaseSeconds}),
          attempts = j.attempts + 1
      FROM next WHERE j.id = next.id
      RETURNING j.id, j.document_id, j.attempts, j.filename, j.mime_type, j.title, j.content
    ), started AS (
      UPDATE documents d SET status = 'processing', progress = 0, updated_at = now()
      FROM claimed WHERE d.id = claimed.document_id
      RETURNING d.id, d.vault_id
    )
    SELECT claimed.*, started.vault_id, v.chunk_size, v.chunk_overlap
    FROM claimed JOIN started ON started.id = claimed.document_id JOIN vaults v ON v.id = started.vault_id`);
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    documentId: row.document_id,
    vaultId: row.vault_id,
    attempts: row.attempts,
    filename: row.filename,
    mimeType: row.mime_type,
    title: row.title,
    content: new Uint8Array(row.content),
    chunkSize: row.chunk_size,
    chunkOverlap: row.chunk_overlap,
  };
}

/** Extends the lease; false when the job is no longer ours (superseded, deleted, or taken over). */
export async function renewLease(db: Database, jobId: string, workerId: string, leaseSeconds: number): Promise<boolean> {
  const rows = await db.orm
    .update(ingestJobs)
    .set({ lockedUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
    .where(and(eq(ingestJobs.id, jobId), eq(ingestJobs.lockedBy, workerId), eq(ingestJobs.status, 'running')))
    .returning({ id: ingestJobs.id });
  return rows.length > 0;
}

async function ownsJob(orm: Orm, jobId: string, workerId: string): Promise<boolean> {
  const [job] = await orm
    .select({ id: ingestJobs.id })
    .from(ingestJobs)
    .where(and(eq(ingestJobs.id, jobId), eq(ingestJobs.lockedBy, workerId), eq(ingestJobs.status, 'running')))
    .for('update');
  return job !== undefined;
}

/** Binary COPY on PostgreSQL (several times faster for embeddings), multi-row INSERTs on PGlite. */
async function insertChunks(orm: Orm, job: { documentId: string; vaultId: string }, result: { chunks: ChunkRow[]; embeddingModel: string }) {
  const rows = result.chunks.map((chunk) => ({ ...chunk, documentId: job.documentId, vaultId: job.vaultId, embeddingModel: result.embeddingModel }));
  const copier = copyClientOf(orm);
  if (copier) {
    await copyChunks(copier, rows);
    return;
  }
  for (let i = 0; i < rows.length; i += CHUNK_INSERT_BATCH) {
    // drizzle's vector column serialises plain arrays only.
    const batch = rows.slice(i, i + CHUNK_INSERT_BATCH).map((row) => ({ ...row, embedding: Array.from(row.embedding) }));
    await orm.insert(chunks).values(batch);
  }
}

/** The last page any chunk comes from; null when the format has no pages. */
function lastPage(rows: ChunkRow[]): number | null {
  let last: number | null = null;
  for (const row of rows) if (row.pageEnd != null && (last === null || row.pageEnd > last)) last = row.pageEnd;
  return last;
}

/**
 * Swaps the document's chunks for the new ones and marks it ready, in one transaction: searches see the old
 * version or the new one, never a mix, and a worker that lost its job (lease expired, document deleted or
 * superseded) writes nothing. Returns whether the result was written.
 */
export function completeJob(
  db: Database,
  job: { id: string; documentId: string; vaultId: string; workerId: string },
  result: {
    chunks: ChunkRow[];
    embeddingModel: string;
    title: string | null;
    /** Pages (or slides) as read; null or absent: the last page a chunk lies on, if any. */
    pageCount?: number | null;
    /** Pages whose text came from OCR (documents.ocr_pages); absent: none. */
    ocrPages?: number[];
    /** The library's model (embedding_state) when the chunks were embedded; undefined: not checked. */
    activeModel?: string | null;
  },
): Promise<boolean> {
  return db.orm.transaction(async (tx) => {
    const orm = tx as unknown as Orm;
    if (!(await ownsJob(orm, job.id, job.workerId))) return false;
    // Shares the row a re-embed's switch locks (db/queries/reembed.ts): vectors of a model the searches just left
    // would never be found, so the document is embedded again (retried) with the new one.
    const [state] = await orm.select({ model: embeddingState.activeModel }).from(embeddingState).where(eq(embeddingState.id, 1)).for('share');
    if (result.activeModel !== undefined && state && state.model !== result.activeModel) {
      throw new Error(`The embedding model changed to ${state.model} while this document was read; it is read again.`);
    }
    await orm.delete(chunks).where(eq(chunks.documentId, job.documentId));
    await insertChunks(orm, job, result);
    await orm
      .update(documents)
      .set({
        status: 'ready',
        progress: 100,
        chunkCount: result.chunks.length,
        ocrPages: result.ocrPages ?? [],
        pageCount: result.pageCount ?? lastPage(result.chunks),
        error: null,
        updatedAt: new Date(),
        ...(result.title ? { title: result.title } : {}),
      })
      .where(eq(documents.id, job.documentId));
    await orm
      .update(ingestJobs)
      .set({ status: 'done', lockedBy: null, lockedUntil: null, error: null, finishedAt: new Date() })
      .where(eq(ingestJobs.id, job.id));
    await bumpCorpusVersion(orm);
    // Only the latest original is kept (for re-ingesting); older versions' bytes go.
    await orm.delete(ingestJobs).where(and(eq(ingestJobs.documentId, job.documentId), ne(ingestJobs.id, job.id)));
    return true;
  });
}

/**
 * Records a failed attempt: retried later with backoff while `retryInSeconds` is given, otherwise the job and its
 * document end `failed` with a reason a person can read. A document that already had chunks keeps them.
 */
export function failJob(
  db: Database,
  job: { id: string; documentId: string; workerId: string },
  failure: { reason: string; retryInSeconds: number | null },
): Promise<boolean> {
  return db.orm.transaction(async (tx) => {
    const orm = tx as unknown as Orm;
    if (!(await ownsJob(orm, job.id, job.workerId))) return false;
    const retry = failure.retryInSeconds !== null;
    await orm
      .update(ingestJobs)
      .set({
        status: retry ? 'queued' : 'failed',
        error: failure.reason,
        lockedBy: null,
        lockedUntil: null,
        runAfter: retry ? sql`now() + make_interval(secs => ${failure.retryInSeconds})` : sql`run_after`,
        finishedAt: retry ? null : new Date(),
      })
      .where(eq(ingestJobs.id, job.id));
    await orm
      .update(documents)
      .set(retry ? { status: 'queued', progress: 0, updatedAt: new Date() } : { status: 'failed', error: failure.reason, updatedAt: new Date() })
      .where(eq(documents.id, job.documentId));
    return true;
  });
}
