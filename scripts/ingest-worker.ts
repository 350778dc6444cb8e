/**
 * `npm run worker`: an ingestion worker on its own, for deployments that keep web and ingestion apart
 * (run the web app with INGEST_WORKER=false). Several can run against one PostgreSQL; jobs are claimed safely.
 */
import { startIngestWorker } from '@/server/ingest/worker-process';
import { getServices } from '@/server/services';

const services = await getServices();
const worker = startIngestWorker(services);
services.logger.info({ workerId: worker.id }, 'ingest worker started');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await worker.stop();
    await services.db.close();
    process.exit(0);
  });
}
