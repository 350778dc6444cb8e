import { failedDocuments, ingestQueueCounts, slowestStatements, vectorIndexes } from '@/db/queries/admin-overview';
import { latestRuns } from '@/db/queries/maintenance';
import { getTableStats } from '@/db/queries/table-stats';
import type { Caller } from '@/server/auth/caller';
import type { Services } from '@/server/services';
import { MAINTENANCE_TASK_NAMES, MAINTENANCE_TASKS } from './maintenance';
import type { AdminOverview, MaintenanceRun, MaintenanceTask } from './types';

/** `caller`: whose readable vaults the failed documents' links come from. */
export async function adminOverview(deps: Pick<Services, 'db'>, caller: Caller): Promise<AdminOverview> {
  const { db } = deps;
  const [tables, indexes, slowQueries, ingestQueue, runs, failed] = await Promise.all([
    getTableStats(db),
    vectorIndexes(db),
    slowestStatements(db),
    ingestQueueCounts(db),
    latestRuns(db),
    failedDocuments(db, caller.kind === 'user' ? caller.userId : null),
  ]);
  return {
    tables,
    vectorIndexes: indexes,
    slowQueries,
    ingestQueue,
    failedDocuments: failed,
    maintenance: MAINTENANCE_TASK_NAMES.map((task) => {
      const run = runs.find((r) => r.task === task);
      const lastRun: MaintenanceRun | null = run
        ? {
            task: run.task as MaintenanceTask,
            status: run.status as MaintenanceRun['status'],
            detail: run.detail,
            instance: run.instance,
            startedAt: new Date(run.started_at),
            finishedAt: run.finished_at ? new Date(run.finished_at) : null,
          }
        : null;
      return { task, label: MAINTENANCE_TASKS[task].label, description: MAINTENANCE_TASKS[task].description, lastRun };
    }),
  };
}
