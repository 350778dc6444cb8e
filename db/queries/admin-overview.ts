import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import { readableVaults } from './access';

export async function vectorIndexes(db: Database) {
  const rows = await db.rows<{ indexname: string; indexdef: string; size: number | string }>(
    sql`SELECT i.indexname, i.indexdef, pg_relation_size(format('%I.%I', i.schemaname, i.indexname)::regclass) AS size
        FROM pg_indexes i
        WHERE i.tablename = 'chunks' AND (i.indexdef ILIKE '%USING hnsw%' OR i.indexdef ILIKE '%USING ivfflat%')
        ORDER BY i.indexname`,
  );
  return rows.map((r) => ({
    name: r.indexname,
    model: r.indexdef.match(/embedding_model = '((?:[^']|'')*)'/)?.[1]?.replaceAll("''", "'") ?? null,
    method: r.indexdef.match(/USING (\w+)/)?.[1] ?? 'unknown',
    parameters: (r.indexdef.match(/WITH \(([^)]*)\)/)?.[1] ?? '').replaceAll("'", ''),
    sizeBytes: Number(r.size),
    definition: r.indexdef,
  }));
}

/** The slowest statements by mean time, when pg_stat_statements is installed (it needs shared_preload_libraries). */
export async function slowestStatements(db: Database, limit = 10) {
  if (db.driver === 'pglite') {
    return { available: false as const, note: 'pg_stat_statements is not available in the embedded database (PGlite); run on PostgreSQL to see the slowest queries.' };
  }
  const [installed] = await db.rows<{ ok: boolean }>(sql`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements') AS ok`);
  if (!installed?.ok) {
    return {
      available: false as const,
      note: "pg_stat_statements is not installed: add it to shared_preload_libraries, restart PostgreSQL and run CREATE EXTENSION pg_stat_statements.",
    };
  }
  try {
    const rows = await db.rows<{ query: string; calls: number | string; mean: number | string; total: number | string }>(
      sql`SELECT query, calls, mean_exec_time AS mean, total_exec_time AS total
          FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          ORDER BY mean_exec_time DESC LIMIT ${limit}`,
    );
    return {
      available: true as const,
      rows: rows.map((r) => ({ query: r.query, calls: Number(r.calls), meanMs: Number(r.mean), totalMs: Number(r.total) })),
    };
  } catch (error) {
    return { available: false as const, note: `pg_stat_statements could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export async function ingestQueueCounts(db: Database) {
  const [row] = await db.rows<{ queued: number; running: number; failed: number }>(
    sql`SELECT count(*) FILTER (WHERE status = 'queued')::int AS queued,
               count(*) FILTER (WHERE status = 'running')::int AS running,
               (SELECT count(*)::int FROM documents WHERE status = 'failed') AS failed
        FROM ingest_jobs`,
  );
  return row ?? { queued: 0, running: 0, failed: 0 };
}

/**
 * The newest failed documents `userId` may read (for links from the admin page to each), and how many failed
 * documents sit in vaults they cannot read. The operator token (no user) reads no one's documents: count only.
 */
export async function failedDocuments(db: Database, userId: string | null, limit = 5) {
  const readable = userId ? sql`d.vault_id IN ${readableVaults(userId)}` : sql`false`;
  const [documents, [hidden]] = await Promise.all([
    db.rows<{ id: string; title: string; error: string | null }>(
      sql`SELECT d.id, d.title, d.error FROM documents d
          WHERE d.status = 'failed' AND ${readable}
          ORDER BY d.updated_at DESC, d.id LIMIT ${limit}`,
    ),
    db.rows<{ count: number }>(sql`SELECT count(*)::int AS count FROM documents d WHERE d.status = 'failed' AND NOT (${readable})`),
  ]);
  return { documents, unreadable: hidden?.count ?? 0 };
}
