/**
 * `npm run cluster`: Docent beyond one machine, on this one: a PostgreSQL primary with a streaming replica,
 * PgBouncer (transaction mode), Redis, two web instances (ingestion off), one ingestion worker and HAProxy in front,
 * all on loopback from Debian's packages (scripts/install-test-deps.sh) and the app's build. Runs until Ctrl-C (or
 * SIGTERM), then stops everything and deletes its data.
 *
 *   npm run build && npm run cluster [-- --web 3]
 */
import { startTopology } from '@/test/support/topology';
import { log } from './support/run';

const args = process.argv.slice(2);
const webIndex = args.indexOf('--web');
const webInstances = webIndex >= 0 ? Number(args[webIndex + 1]) : 2;
if (!Number.isInteger(webInstances) || webInstances < 1) {
  console.error('--web must be a whole number of instances, 1 or more');
  process.exit(2);
}

const topology = await startTopology({ webInstances, log });
console.log(`
Docent is up at ${topology.balancer.url} (HAProxy)
  web instances   ${topology.webs.map((web) => `${web.url} (pid ${web.pid})`).join(', ')}
  ingest worker   pid ${topology.worker.pid}
  PostgreSQL      primary :${topology.primary.port}, replica :${topology.replica.port}, PgBouncer :${topology.bouncer.port}
  Redis           ${topology.redis.url}
Open ${topology.balancer.url} to create the owner account. Ctrl-C stops everything.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log('stopping');
    void topology.stop().then(() => process.exit(0));
  });
}
