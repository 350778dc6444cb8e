import { sql } from 'drizzle-orm';
import { rowsOf, type Database, type Orm } from '../client';
import { readableVaults, writableVaults } from './access';

export interface WebPageInfo {
  finalUrl: string;
  fetchedAt: Date;
  checkedAt: Date;
  refreshHours: number | null;
  lastError: string | null;
}

/**
 * Records a successful fetch of the document whose source is `source`: always the check time, the fetch time
 * only when the content changed. Nothing is recorded when the submission landed on another document (the same
 * content already stored from elsewhere in the vault).
 */
export async function recordPageFetched(
  db: Database,
  page: { documentId: string; source: string; finalUrl: string; changed: boolean; addedBy: string | null },
): Promise<void> {
  await db.orm.execute(sql`
    INSERT INTO web_pages (document_id, final_url, fetched_at, checked_at, added_by, last_error)
    SELECT d.id, ${page.finalUrl}, now(), now(), ${page.addedBy}, NULL FROM documents d
    WHERE d.id = ${page.documentId} AND d.source = ${page.source}
    ON CONFLICT (document_id) DO UPDATE SET
      final_url = excluded.final_url,
      checked_at = now(),
      fetched_at = CASE WHEN ${page.changed} THEN now() ELSE web_pages.fetched_at END,
      last_error = NULL`);
}

/** Keeps the document (and its content) as it was, with the reason the latest fetch failed. */
export async function recordPageFailure(db: Database, documentId: string, reason: string): Promise<void> {
  await db.orm.execute(sql`UPDATE web_pages SET last_error = ${reason}, checked_at = now() WHERE document_id = ${documentId}`);
}

/** Fetch times of a web document in a vault `userId` may read; null for other documents. */
export async function readWebPage(db: Database, userId: string, documentId: string): Promise<WebPageInfo | null> {
  const [row] = await db.rows<{
    final_url: string;
    fetched_at: Date | string;
    checked_at: Date | string;
    refresh_hours: number | null;
    last_error: string | null;
  }>(sql`
    SELECT w.final_url, w.fetched_at, w.checked_at, w.refresh_hours, w.last_error
    FROM web_pages w JOIN documents d ON d.id = w.document_id
    WHERE w.document_id = ${documentId} AND d.vault_id IN ${readableVaults(userId)}`);
  if (!row) return null;
  return {
    finalUrl: row.final_url,
    fetchedAt: new Date(row.fetched_at),
    checkedAt: new Date(row.checked_at),
    refreshHours: row.refresh_hours === null ? null : Number(row.refresh_hours),
    lastError: row.last_error,
  };
}

/** Sets how often one web document is fetched again (null: the global URL_REFRESH_HOURS); false if not writable. */
export async function setPageRefreshHours(db: Database, userId: string, documentId: string, hours: number | null): Promise<boolean> {
  const rows = await db.rows<{ document_id: string }>(sql`
    UPDATE web_pages SET refresh_hours = ${hours}
    WHERE document_id = ${documentId}
      AND document_id IN (SELECT id FROM documents WHERE vault_id IN ${writableVaults(userId)})
    RETURNING document_id`);
  return rows.length > 0;
}

// Finished fetches are kept this long for their progress and failures to be read back.
const FINISHED_FETCH_RETENTION_DAYS = 7;

/**
 * Queues a fetch for every web document whose interval (its own, else `defaultHours`) has passed since it was
 * last checked and that has no fetch waiting, and deletes fetches finished long ago; run by one instance at a
 * time (server/admin/maintenance.ts).
 */
export async function queueDueRefreshes(orm: Orm, defaultHours: number): Promise<{ queued: number; pruned: number }> {
  const pruned = rowsOf<{ n: number }>(
    await orm.execute(sql`
      WITH gone AS (
        DELETE FROM web_fetches WHERE status IN ('done', 'failed')
          AND finished_at < now() - make_interval(days => ${FINISHED_FETCH_RETENTION_DAYS}) RETURNING 1
      ) SELECT count(*)::int AS n FROM gone`),
  )[0]?.n ?? 0;
  const rows = rowsOf<{ id: string }>(
    await orm.execute(sql`
      INSERT INTO web_fetches (vault_id, requested_by, url, document_id)
      SELECT d.vault_id, COALESCE(w.added_by, v.owner_id), d.source, d.id
      FROM web_pages w
      JOIN documents d ON d.id = w.document_id
      JOIN vaults v ON v.id = d.vault_id
      WHERE d.source IS NOT NULL
        AND COALESCE(w.refresh_hours, ${defaultHours}) > 0
        AND w.checked_at < now() - make_interval(secs => COALESCE(w.refresh_hours, ${defaultHours}) * 3600)
        AND NOT EXISTS (SELECT 1 FROM web_fetches f WHERE f.document_id = d.id AND f.status IN ('queued', 'running'))
      RETURNING id`),
  );
  return { queued: rows.length, pruned };
}
