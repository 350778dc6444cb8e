/**
 * `npm run maintenance [-- --task vacuum-analyze|reindex|prune-sessions|prune-orphans|prune-caches] [--if-due]`:
 * runs maintenance on the configured database, every task unless one is named. With several instances, a task
 * another one is running is skipped; `--if-due` also skips tasks that succeeded within MAINTENANCE_INTERVAL_HOURS.
 */
import { MAINTENANCE_TASK_NAMES, runMaintenance } from '@/server/admin/maintenance';
import type { MaintenanceTask } from '@/server/admin/types';
import { getServices } from '@/server/services';

const args = process.argv.slice(2);
const named = args.includes('--task') ? args[args.indexOf('--task') + 1] : undefined;
if (named !== undefined && !(MAINTENANCE_TASK_NAMES as readonly string[]).includes(named)) {
  console.error(`Unknown task "${named}". Tasks: ${MAINTENANCE_TASK_NAMES.join(', ')}`);
  process.exit(2);
}
const services = await getServices();
const intervalMs = services.config.admin.maintenanceIntervalHours * 3600 * 1000;
let failed = false;
for (const task of named ? [named as MaintenanceTask] : MAINTENANCE_TASK_NAMES) {
  const run = await runMaintenance(services, task, args.includes('--if-due') ? { ifRunWithinMs: intervalMs } : {});
  console.log(`${task}: ${run.status} — ${run.detail}`);
  failed ||= run.status === 'failed';
}
await services.db.close();
process.exit(failed ? 1 : 0);
