import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { readableVaults, writableVaults } from './access';
import { webFetches } from '../schema';

export interface WebFetchRequest {
  vaultId: string;
  url: string;
  maxDepth: number;
  maxPages: number;
}

export interface WebFetchStatus {
  id: string;
  vaultId: string;
  url: string;
  documentId: string | null;
  status: 'queued' | 'running' | 'done' | 'failed';
  maxDepth: number;
  maxPages: number;
  pagesFound: number;
  pagesFetched: number;
  pagesFailed: number;
  failures: Array<{ url: string; reason: string }>;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface ClaimedWebFetch {
  id: string;
  vaultId: string;
  requestedBy: string | null;
  url: string;
  documentId: string | null;
  maxDepth: number;
  maxPages: number;
  attempts: number;
}

/** Queues a fetch of `url` (and its links) into the vault; null, queuing nothing, when `userId` may not write there. */
export async function enqueueWebFetch(db: Database, userId: string, request: WebFetchRequest): Promise<string | null> {
  const rows = await db.rows<{ id: string }>(sql`
    INSERT INTO web_fetches (vault_id, requested_by, url, max_depth, max_pages)
    SELECT v.id, ${userId}, ${request.url}, ${request.maxDepth}, ${request.maxPages}
    FROM vaults v WHERE v.id = ${request.vaultId} AND v.id IN ${writableVaults(userId)}
    RETURNING id`);
  return rows[0]?.id ?? null;
}

/**
 * Queues fetching a web document again under its id (a fetch already waiting is reused); null when the document is
 * not in a vault `userId` may write or did not come from a web address.
 */
export async function enqueueRefetch(db: Database, userId: string, documentId: string): Promise<string | null> {
  const rows = await db.rows<{ id: string }>(sql`
    WITH target AS (
      SELECT d.id, d.vault_id, d.source FROM documents d
      WHERE d.id = ${documentId} AND d.vault_id IN ${writableVaults(userId)} AND d.source ~* '^https?://'
    ), waiting AS (
      SELECT f.id FROM web_fetches f JOIN target ON f.document_id = target.id WHERE f.status = 'queued' LIMIT 1
    ), queued AS (
      INSERT INTO web_fetches (vault_id, requested_by, url, document_id)
      SELECT target.vault_id, ${userId}, target.source, target.id FROM target WHERE NOT EXISTS (SELECT 1 FROM waiting)
      RETURNING id
    )
    SELECT id FROM waiting UNION ALL SELECT id FROM queued`);
  return rows[0]?.id ?? null;
}

/** A fetch's progress, if it is in a vault `userId` may read. */
export async function readWebFetch(db: Database, userId: string, fetchId: string): Promise<WebFetchStatus | null> {
  const [row] = await db.orm
    .select({
      id: webFetches.id,
      vaultId: webFetches.vaultId,
      url: webFetches.url,
      documentId: webFetches.documentId,
      status: webFetches.status,
      maxDepth: webFetches.maxDepth,
      maxPages: webFetches.maxPages,
      pagesFound: webFetches.pagesFound,
      pagesFetched: webFetches.pagesFetched,
      pagesFailed: webFetches.pagesFailed,
      failures: webFetches.failures,
      error: webFetches.error,
      createdAt: webFetches.createdAt,
      finishedAt: webFetches.finishedAt,
    })
    .from(webFetches)
    .where(and(eq(webFetches.id, fetchId), sql`${webFetches.vaultId} IN ${readableVaults(userId)}`));
  return row ? { ...row, status: row.status as WebFetchStatus['status'] } : null;
}

/** The oldest waiting fetch, or one whose worker's lease ran out; SKIP LOCKED as for ingestion jobs. */
export async function claimWebFetch(db: Database, workerId: string, leaseSeconds: number): Promise<ClaimedWebFetch | null> {
  const rows = await db.rows<{
    id: string;
    vault_id: string;
    requested_by: string | null;
    url: string;
    document_id: string | null;
    max_depth: number;
    max_pages: number;
    attempts: number;
  }>(sql`
    WITH next AS (
      SELECT id FROM web_fetches
      WHERE status = 'queued' OR (status = 'running' AND locked_until < now())
      ORDER BY created_at
      FOR UPDATE SKIP LOCKED
      LIMIT 1
    )
    UPDATE web_fetches f
    SET status = 'running', locked_by = ${workerId}, locked_until = now() + make_interval(secs => ${leaseSeconds}),
        attempts = f.attempts + 1
    FROM next WHERE f.id = next.id
    RETURNING f.id, f.vault_id, f.requested_by, f.url, f.document_id, f.max_depth, f.max_pages, f.attempts`);
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    vaultId: row.vault_id,
    requestedBy: row.requested_by,
    url: row.url,
    documentId: row.document_id,
    maxDepth: row.max_depth,
    maxPages: row.max_pages,
    attempts: row.attempts,
  };
}

/** Extends the lease and records progress; false when the fetch is no longer this worker's. */
export async function recordWebFetchProgress(
  db: Database,
  fetch: { id: string; workerId: string; leaseSeconds: number },
  progress: { found: number; fetched: number; failures: Array<{ url: string; reason: string }> },
): Promise<boolean> {
  const rows = await db.orm
    .update(webFetches)
    .set({
      pagesFound: progress.found,
      pagesFetched: progress.fetched,
      pagesFailed: progress.failures.length,
      failures: progress.failures,
      lockedUntil: sql`now() + make_interval(secs => ${fetch.leaseSeconds})`,
    })
    .where(and(eq(webFetches.id, fetch.id), eq(webFetches.lockedBy, fetch.workerId), eq(webFetches.status, 'running')))
    .returning({ id: webFetches.id });
  return rows.length > 0;
}

/** Ends the fetch: `done` once every page was tried (some may have failed), `failed` with a reason otherwise. */
export async function finishWebFetch(
  db: Database,
  fetch: { id: string; workerId: string },
  outcome: { status: 'done' | 'failed'; error: string | null },
): Promise<void> {
  await db.orm
    .update(webFetches)
    .set({ status: outcome.status, error: outcome.error, lockedBy: null, lockedUntil: null, finishedAt: new Date() })
    .where(and(eq(webFetches.id, fetch.id), eq(webFetches.lockedBy, fetch.workerId)));
}
