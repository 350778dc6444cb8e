import type { QueryObserver } from '@/db/observe';
import type { Logger } from '@/server/logger';
import { metrics } from './registry';

const LOGGED_SQL_CHARS = 300;

/** Feeds query timings into the metrics and logs queries slower than SLOW_QUERY_MS (SQL text only, no values). */
export function createQueryObserver(driver: 'pglite' | 'postgres', logger: Logger, slowQueryMs: number): QueryObserver {
  const m = metrics();
  return {
    started: () => m.dbQueriesInFlight.inc(),
    finished({ durationMs, sql, failed }) {
      m.dbQueriesInFlight.dec();
      m.dbQueryDuration.observe({ driver, outcome: failed ? 'error' : 'ok' }, durationMs / 1000);
      if (durationMs >= slowQueryMs) {
        m.dbSlowQueries.inc();
        logger.warn(
          { durationMs: Math.round(durationMs), sql: sql.replace(/\s+/g, ' ').slice(0, LOGGED_SQL_CHARS), failed },
          'slow query',
        );
      }
    },
  };
}
