import { ConfigError } from './config';
import { startIngestWorkerWhenReady, stopIngestWorker } from './jobs/ingest-worker-process';
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
  await getServices().catch(() => {});
  if (getBaseServices().config.ingest.worker) void startIngestWorkerWhenReady();
}

async function shutDown(signal: NodeJS.Signals): Promise<void> {
  const { logger } = getBaseServices();
  logger.info({ signal }, 'shutting down');
  const forced = setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS);
  try {
    await stopIngestWorker();
    const { db } = await getServices();
    await db.close();
  } catch {
    // Nothing open to close.
  }
  clearTimeout(forced);
  process.exit(0);
}
