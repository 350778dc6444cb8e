import { sql } from 'drizzle-orm';
import type { Services } from '@/server/services';
import { metrics } from './registry';

/**
 * Gauges read from the database rather than counted as events: pool connections by state (pg_stat_activity,
 * this app's connections only) and the ingestion queue. Called before each scrape and each sample.
 */
export async function refreshGauges(services: Pick<Services, 'db' | 'config'>): Promise<void> {
  const m = metrics();
  const { db, config } = services;
  const poolMax = config.database.driver === 'postgres' ? config.database.poolMax : 1;
  m.dbPoolMax.set(poolMax);
  if (db.driver === 'postgres') {
    const rows = await db.rows<{ state: string | null; n: number }>(
      sql`SELECT state, count(*)::int AS n FROM pg_stat_activity
          WHERE application_name = 'docent' AND pid <> pg_backend_pid() GROUP BY state`,
    );
    // The connection running this query is busy too.
    const active = rows.filter((r) => r.state === 'active').reduce((sum, r) => sum + r.n, 0) + 1;
    const idle = rows.filter((r) => r.state !== 'active').reduce((sum, r) => sum + r.n, 0);
    m.dbPoolConnections.set({ state: 'active' }, active);
    m.dbPoolConnections.set({ state: 'idle' }, idle);
  } else {
    m.dbPoolConnections.set({ state: 'active' }, 1);
    m.dbPoolConnections.set({ state: 'idle' }, 0);
  }
  for (const replica of db.replicas?.status() ?? []) {
    m.dbReplicaLag.set({ replica: replica.label }, replica.lagSeconds ?? -1);
    m.dbReplicaUsable.set({ replica: replica.label }, replica.usable ? 1 : 0);
  }
  const inFlight = (await m.dbQueriesInFlight.get()).values[0]?.value ?? 0;
  m.dbPoolWaiting.set(Math.max(0, inFlight - poolMax));
  const queue = await db.rows<{ status: string; n: number }>(
    sql`SELECT status, count(*)::int AS n FROM ingest_jobs WHERE status IN ('queued', 'running') GROUP BY status`,
  );
  for (const status of ['queued', 'running']) {
    m.ingestQueueDepth.set({ status }, queue.find((r) => r.status === status)?.n ?? 0);
  }
}
