import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import { rowsOf, type Orm } from '@/db/client';
import {
  finishRun,
  lastSucceededRun,
  pruneEmbeddingCache,
  pruneOrphans,
  pruneSessions,
  recordSkippedRun,
  reindexTables,
  startRun,
  vacuumAnalyze,
} from '@/db/queries/maintenance';
import { queueDueRefreshes } from '@/db/queries/web-pages';
import type { Services } from '@/server/services';
import { MAINTENANCE_TASK_NAMES, type MaintenanceRun, type MaintenanceTask } from './types';

type Deps = Pick<Services, 'db' | 'config' | 'logger'>;

interface TaskDefinition {
  label: string;
  description: string;
  run: (orm: Orm, deps: Deps) => Promise<string>;
  /** How often the schedule runs it when not once per MAINTENANCE_INTERVAL_HOURS. */
  everyMs?: number;
}

// Often enough that a page's own interval (in hours) is kept to within minutes; each run is one INSERT … SELECT.
const WEB_REFRESH_CHECK_MS = 10 * 60 * 1000;

export const MAINTENANCE_TASKS: Record<MaintenanceTask, TaskDefinition> = {
  'vacuum-analyze': {
    label: 'VACUUM ANALYZE',
    description: 'Reclaims space from deleted rows and refreshes the planner statistics of every table.',
    run: (orm) => vacuumAnalyze(orm),
  },
  reindex: {
    label: 'REINDEX',
    description: 'Rebuilds every index but the vector index, which VACUUM keeps healthy (concurrently on PostgreSQL).',
    run: (orm, deps) => reindexTables(orm, deps.db.driver === 'postgres'),
  },
  'prune-sessions': {
    label: 'Delete inactive sessions',
    description: 'Deletes conversations inactive for longer than SESSION_RETENTION_DAYS, with their messages.',
    run: (orm, deps) => pruneSessions(orm, deps.config.admin.sessionRetentionDays),
  },
  'prune-orphans': {
    label: 'Delete orphaned rows',
    description: 'Deletes messages, chunks and jobs nothing refers to any more.',
    run: (orm) => pruneOrphans(orm),
  },
  'prune-caches': {
    label: 'Delete expired cache entries',
    description: 'Deletes embedding-cache entries older than EMBEDDING_CACHE_RETENTION_DAYS.',
    run: (orm, deps) => pruneEmbeddingCache(orm, deps.config.admin.embeddingCacheRetentionDays),
  },
  'refresh-web-pages': {
    label: 'Fetch web pages again',
    description: "Queues a fetch of every web page whose refresh interval (its own, else URL_REFRESH_HOURS) has passed; unchanged pages only record the check.",
    run: async (orm, deps) => {
      const { queued, pruned } = await queueDueRefreshes(orm, deps.config.web.refreshHours);
      return `Queued ${queued} web pages to fetch again; deleted ${pruned} finished fetch records.`;
    },
    everyMs: WEB_REFRESH_CHECK_MS,
  },
};

const TASKS = MAINTENANCE_TASK_NAMES;
const INSTANCE = `${hostname()}:${process.pid}`;
// One advisory lock per task, all in a range no other Docent lock uses.
const lockKey = (task: MaintenanceTask) => 7_140_222_000 + TASKS.indexOf(task);
// Advisory locks are re-entrant within one session, and PGlite is one session: guard this process too.
const runningHere = new Set<MaintenanceTask>();

/**
 * Runs a maintenance task unless another instance is running it (a Postgres advisory lock held on one
 * dedicated connection for the whole task). `ifRunWithinMs` makes it run only when its last success is older:
 * the schedule, with several instances, then runs each task once per interval.
 */
export async function runMaintenance(
  deps: Deps,
  task: MaintenanceTask,
  options: { ifRunWithinMs?: number } = {},
): Promise<MaintenanceRun> {
  const startedAt = new Date();
  const outcome = (status: MaintenanceRun['status'], detail: string): MaintenanceRun => ({
    task,
    status,
    detail,
    startedAt,
    finishedAt: new Date(),
    instance: INSTANCE,
  });
  if (runningHere.has(task)) return outcome('skipped', 'Skipped: this task is already running.');
  runningHere.add(task);
  try {
    return await runLocked(deps, task, options, outcome);
  } finally {
    runningHere.delete(task);
  }
}

function runLocked(
  deps: Deps,
  task: MaintenanceTask,
  options: { ifRunWithinMs?: number },
  outcome: (status: MaintenanceRun['status'], detail: string) => MaintenanceRun,
): Promise<MaintenanceRun> {
  return deps.db.withConnection(async (orm) => {
    const [{ locked } = { locked: false }] = rowsOf<{ locked: boolean }>(
      await orm.execute(sql`SELECT pg_try_advisory_lock(${lockKey(task)}) AS locked`),
    );
    if (!locked) {
      const detail = 'Skipped: another instance is running this task right now.';
      await recordSkippedRun(orm, task, INSTANCE, detail);
      return outcome('skipped', detail);
    }
    try {
      if (options.ifRunWithinMs !== undefined) {
        const last = await lastSucceededRun(orm, task);
        // Not recorded: the schedule asks every few minutes, and "not due yet" is not an event.
        if (last && Date.now() - last.getTime() < options.ifRunWithinMs) {
          return outcome('skipped', `Skipped: already ran at ${last.toISOString()}.`);
        }
      }
      const runId = await startRun(orm, task, INSTANCE);
      try {
        const detail = await MAINTENANCE_TASKS[task].run(orm, deps);
        await finishRun(orm, runId, 'succeeded', detail);
        deps.logger.info({ task, detail }, 'maintenance task finished');
        return outcome('succeeded', detail);
      } catch (error) {
        const detail = `Failed: ${error instanceof Error ? error.message : String(error)}`;
        await finishRun(orm, runId, 'failed', detail);
        deps.logger.error({ err: error, task }, 'maintenance task failed');
        return outcome('failed', detail);
      }
    } finally {
      await orm.execute(sql`SELECT pg_advisory_unlock(${lockKey(task)})`);
    }
  });
}

/** Every task whose last success is older than the interval. */
export async function runDueMaintenance(deps: Deps, intervalMs: number): Promise<MaintenanceRun[]> {
  const runs: MaintenanceRun[] = [];
  for (const task of TASKS) runs.push(await runMaintenance(deps, task, { ifRunWithinMs: MAINTENANCE_TASKS[task].everyMs ?? intervalMs }));
  return runs;
}

export { MAINTENANCE_TASK_NAMES };
