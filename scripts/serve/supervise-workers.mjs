// @ts-check
import cluster from 'node:cluster';
import promClient from 'prom-client';
import { isMessage, MESSAGE } from '../../server/serve-contract.mjs';

/**
 * WORKERS > 1: the primary process starts that many workers, each a whole server (scripts/serve/start-server.mjs)
 * sharing the port, replaces a worker that dies, and stops them all on SIGTERM/SIGINT. A worker that fails while
 * starting (a bad setting: the app prints which) stops the whole server, instead of being restarted in a loop.
 * It also gathers the workers' metrics for whichever worker answers /metrics or samples the admin charts
 * (server/metrics/instance-metrics.ts), so they describe the instance, not one worker.
 */
export function superviseWorkers(/** @type {{ count: number; port: number; hostname: string }} */ { count, port, hostname }) {
  const ready = new Set();
  let stopping = false;
  let announced = false;

  const stop = (/** @type {number} */ code) => {
    if (!stopping) process.exitCode = code;
    stopping = true;
    const alive = Object.values(cluster.workers ?? {});
    if (alive.length === 0) process.exit();
    for (const worker of alive) worker?.process.kill('SIGTERM');
  };

  cluster.on('message', (worker, message) => {
    if (isMessage(message, MESSAGE.ready)) {
      ready.add(worker.id);
      if (!announced && ready.size === count) {
        announced = true;
        console.log(`docent: listening on http://${hostname}:${port} (${count} workers)`);
      }
    } else if (isMessage(message, MESSAGE.metricsRequest)) {
      void gatherMetrics(worker, message.id);
    } else if (isMessage(message, MESSAGE.metricsPart)) {
      collecting.get(message.id)?.(message.metrics);
    }
  });

  cluster.on('exit', (worker, code, signal) => {
    const how = signal ?? `exit code ${code}`;
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
    } else if (!ready.has(worker.id)) {
      console.error(`docent: a worker stopped while starting (${how}); stopping the server`);
      stop(code || 1);
    } else {
      ready.delete(worker.id);
      console.error(`docent: worker ${worker.process.pid} stopped (${how}); starting another`);
      cluster.fork();
    }
  });

  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.once(signal, () => stop(0));
  for (let i = 0; i < count; i++) cluster.fork();
}

/** Collections in progress: id -> receives one worker's part. */
const collecting = new Map();
let nextCollection = 0;
// A worker that does not answer in time (busy, dying) is left out rather than holding up /metrics.
const COLLECT_TIMEOUT_MS = 2_000;

/** Every worker's registry, aggregated (counters and histograms summed), sent back to the asking worker. */
async function gatherMetrics(/** @type {import('node:cluster').Worker} */ requester, /** @type {number} */ requestId) {
  const workers = Object.values(cluster.workers ?? {}).filter((w) => w?.isConnected());
  const id = nextCollection++;
  /** @type {unknown[]} */
  const parts = [];
  await new Promise((resolve) => {
    const timer = setTimeout(resolve, COLLECT_TIMEOUT_MS);
    collecting.set(id, (/** @type {unknown} */ part) => {
      parts.push(part);
      if (parts.length === workers.length) {
        clearTimeout(timer);
        resolve(undefined);
      }
    });
    for (const worker of workers) worker?.send({ type: MESSAGE.metricsCollect, id });
  });
  collecting.delete(id);
  const registry = promClient.AggregatorRegistry.aggregate(/** @type {any} */ (parts));
  if (!requester.isConnected()) return;
  requester.send({ type: MESSAGE.metrics, id: requestId, text: await registry.metrics(), json: await registry.getMetricsAsJSON() });
}
