import { getAdminToken } from './admin/admin-token';
import { runDueMaintenance } from './admin/maintenance';
import { ConfigError } from './config';
import { startMetricsSampler } from './metrics/history';
import { joinClusterMetrics } from './metrics/instance-metrics';
import { refreshGauges } from './metrics/refresh-gauges';
import { startIngestWorkerWhenReady, stopIngestWorker } from './ingest/worker-process';
import { startLimits } from './limits/limits';
import { drainServer } from './serve-contract.mjs';
import { markDraining } from './health';
import { getBaseServices, getServices } from './services';

const SHUTDOWN_GRACE_MS = 5_000;

/**
 * Called once when the server process starts: validates the configuration (exiting with the bad variable
 * named) and opens and migrates the database, so the first request does not pay for it.
 */
export async function startServer(): Promise<void> {
  try {
    getBaseServices();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`docent: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  // `npm start` sets NEXT_MANUAL_SIG_HANDLE so the signal comes to us and the embedded database is closed
  // cleanly instead of being cut off mid-write by Next.js's own immediate exit.
  if (process.env.NEXT_MANUAL_SIG_HANDLE) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutDown(signal));
  }
  // A database that is down at start-up is not fatal: /health reports it and the next request retries.
  const services = await getServices().catch(() => null);
  const { config } = getBaseServices();
  startLimits();
  joinClusterMetrics();
  if (config.ingest.worker) void startIngestWorkerWhenReady();
  startMetricsSampler(config.admin.metricsSampleSeconds, {
    refresh: async () => refreshGauges(await getServices()),
    database: async () => (await getServices()).db,
  });
  if (services) {
    // Generates (and logs, once) the admin token when ADMIN_TOKEN is not set.
    await getAdminToken(services).catch(() => {});
    scheduleMaintenance(config.admin.maintenanceIntervalHours);
  }
}

// How often instances look for due maintenance; each task still runs once per interval across all of them.
const MAINTENANCE_CHECK_MS = 10 * 60 * 1000;

function scheduleMaintenance(intervalHours: number): void {
  if (intervalHours <= 0) return;
  const intervalMs = intervalHours * 3600 * 1000;
  const run = () =>
    void getServices()
      .then((services) => runDueMaintenance(services, intervalMs))
      .catch((error: unknown) => getBaseServices().logger.warn({ err: error }, 'scheduled maintenance did not run'));
  setTimeout(run, 60_000).unref();
  setInterval(run, Math.min(intervalMs, MAINTENANCE_CHECK_MS)).unref();
}

async function shutDown(signal: NodeJS.Signals): Promise<void> {
  const { logger, config } = getBaseServices();
  logger.info({ signal }, 'shutting down: no new connections; finishing the requests in flight');
  markDraining();
  // No answer outlives REQUEST_TIMEOUT, so waiting that long never cuts one off.
  const forced = setTimeout(() => process.exit(1), config.requestTimeoutMs + SHUTDOWN_GRACE_MS);
  try {
    await Promise.all([drainServer(), stopIngestWorker()]);
    const { db } = await getServices();
    await db.close();
  } catch {
    // Nothing open to close.
  }
  clearTimeout(forced);
  process.exit(0);
}
