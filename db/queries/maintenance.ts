import { and, desc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Database, type Orm } from '../client';
import { maintenanceRuns } from '../schema';
import { VECTOR_INDEX_PREFIX } from '../vector-index';

/** The app's own tables, in dependency order. */
const APP_TABLES = [
  'sessions',
  'messages',
  'agents',
  'vaults',
  'documents',
  'chunks',
  'ingest_jobs',
  'web_fetches',
  'web_pages',
  'embedding_cache',
  'corpus_version',
  'maintenance_runs',
  'app_secrets',
  // Rewritten every few seconds by every instance (the admin charts' samples): vacuumed like the rest.
  'metric_samples',
] as const;

export async function vacuumAnalyze(orm: Orm): Promise<string> {
  for (const table of APP_TABLES) await orm.execute(sql.raw(`VACUUM ANALYZE "${table}"`));
  return `Vacuumed and analysed ${APP_TABLES.length} tables.`;
}

/**
 * Rebuilds the indexes of every table except the vector indexes: rebuilding an HNSW index over 100,000 chunks
 * costs minutes of CPU (the benchmark caught a scheduled run doing it under load), VACUUM already keeps it
 * healthy, and changing its settings rebuilds it at start-up anyway (db/vector-index.ts).
 */
export async function reindexTables(orm: Orm, concurrently: boolean): Promise<string> {
  // CONCURRENTLY keeps the tables readable and writable while their indexes are rebuilt.
  const how = concurrently ? 'CONCURRENTLY ' : '';
  for (const table of APP_TABLES) {
    if (table !== 'chunks') {
      await orm.execute(sql.raw(`REINDEX TABLE ${how}"${table}"`));
      continue;
    }
    const indexes = rowsOf<{ name: string }>(
      await orm.execute(sql`SELECT indexname AS name FROM pg_indexes WHERE tablename = 'chunks' AND NOT starts_with(indexname, ${VECTOR_INDEX_PREFIX})`),
    );
    for (const { name } of indexes) await orm.execute(sql.raw(`REINDEX INDEX ${how}"${name}"`));
  }
  return `Rebuilt the indexes of ${APP_TABLES.length} tables (the vector indexes excepted).`;
}

async function count(orm: Orm, query: ReturnType<typeof sql>): Promise<number> {
  const rows = rowsOf<{ n: number | string }>(await orm.execute(query));
  return Number(rows[0]?.n ?? 0);
}

/** Sessions inactive for longer than the retention, with their messages. */
export async function pruneSessions(orm: Orm, retentionDays: number): Promise<string> {
  const messages = await count(
    orm,
    sql`SELECT count(*)::int AS n FROM messages m JOIN sessions s ON s.id = m.session_id
        WHERE s.last_active_at < now() - make_interval(days => ${retentionDays})`,
  );
  const sessions = await count(
    orm,
    sql`WITH gone AS (DELETE FROM sessions WHERE last_active_at < now() - make_interval(days => ${retentionDays}) RETURNING 1)
        SELECT count(*)::int AS n FROM gone`,
  );
  return `Deleted ${sessions} sessions inactive for over ${retentionDays} days, with their ${messages} messages.`;
}

/** Rows nothing refers to any more. Foreign keys prevent most; this also clears what they cannot see. */
export async function pruneOrphans(orm: Orm): Promise<string> {
  const messages = await count(
    orm,
    sql`WITH gone AS (DELETE FROM messages WHERE session_id NOT IN (SELECT id FROM sessions) RETURNING 1) SELECT count(*)::int AS n FROM gone`,
  );
  const chunks = await count(
    orm,
    sql`WITH gone AS (DELETE FROM chunks WHERE document_id NOT IN (SELECT id FROM documents) RETURNING 1) SELECT count(*)::int AS n FROM gone`,
  );
  // Superseded or failed jobs of documents that have since been processed: their bytes are dead weight.
  const jobs = await count(
    orm,
    sql`WITH gone AS (
          DELETE FROM ingest_jobs j WHERE j.status = 'failed'
            AND EXISTS (SELECT 1 FROM ingest_jobs d WHERE d.document_id = j.document_id AND d.status = 'done' AND d.created_at > j.created_at)
          RETURNING 1)
        SELECT count(*)::int AS n FROM gone`,
  );
  const runs = await count(
    orm,
    sql`WITH gone AS (DELETE FROM maintenance_runs WHERE started_at < now() - interval '90 days' RETURNING 1) SELECT count(*)::int AS n FROM gone`,
  );
  return `Deleted ${messages} orphaned messages, ${chunks} orphaned chunks, ${jobs} superseded jobs and ${runs} old maintenance records.`;
}

/** Embedding-cache entries older than the retention (they are recomputed on demand). */
export async function pruneEmbeddingCache(orm: Orm, retentionDays: number): Promise<string> {
  const entries = await count(
    orm,
    sql`WITH gone AS (DELETE FROM embedding_cache WHERE created_at < now() - make_interval(days => ${retentionDays}) RETURNING 1)
        SELECT count(*)::int AS n FROM gone`,
  );
  return `Deleted ${entries} embedding-cache entries older than ${retentionDays} days.`;
}

export async function startRun(orm: Orm, task: string, instance: string): Promise<string> {
  const [row] = await orm.insert(maintenanceRuns).values({ task, status: 'running', instance }).returning({ id: maintenanceRuns.id });
  return row!.id;
}

export async function finishRun(orm: Orm, id: string, status: 'succeeded' | 'failed', detail: string): Promise<void> {
  await orm.update(maintenanceRuns).set({ status, detail, finishedAt: new Date() }).where(eq(maintenanceRuns.id, id));
}

export async function recordSkippedRun(orm: Orm, task: string, instance: string, detail: string): Promise<void> {
  await orm.insert(maintenanceRuns).values({ task, status: 'skipped', detail, instance, finishedAt: new Date() });
}

export async function lastSucceededRun(orm: Orm, task: string): Promise<Date | null> {
  const [row] = await orm
    .select({ startedAt: maintenanceRuns.startedAt })
    .from(maintenanceRuns)
    .where(and(eq(maintenanceRuns.task, task), eq(maintenanceRuns.status, 'succeeded')))
    .orderBy(desc(maintenanceRuns.startedAt))
    .limit(1);
  return row?.startedAt ?? null;
}

/** The latest run of each task. */
export async function latestRuns(db: Database) {
  return db.rows<{ task: string; status: string; detail: string; instance: string; started_at: Date | string; finished_at: Date | string | null }>(
    sql`SELECT DISTINCT ON (task) task, status, detail, instance, started_at, finished_at
        FROM maintenance_runs ORDER BY task, started_at DESC`,
  );
}
