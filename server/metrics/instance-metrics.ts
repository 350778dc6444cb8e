import cluster from 'node:cluster';
import type { MetricObjectWithValues, MetricValue } from 'prom-client';
import { isMessage, MESSAGE } from '@/server/serve-contract.mjs';
import { metrics } from './registry';

/**
 * The metrics of the whole instance. One process: its own registry. Several (WORKERS > 1, scripts/serve.mjs):
 * every worker's registry, gathered and summed by the primary, so /metrics and the admin charts describe the
 * instance rather than whichever worker happened to answer.
 */

export type MetricsJSON = Array<MetricObjectWithValues<MetricValue<string>>>;

interface Gathered {
  text: string;
  json: MetricsJSON;
}

interface ClusterState {
  waiting: Map<number, (gathered: Gathered) => void>;
  next: number;
}

// On globalThis: one message listener per process, however many times Next.js loads this module.
const KEY = Symbol.for('docent.instanceMetrics');
const slot = globalThis as unknown as { [KEY]?: ClusterState };
const ASK_TIMEOUT_MS = 5_000;

/** In a worker: answers the primary's collections with this worker's registry, and takes its replies. */
function clusterState(): ClusterState {
  if (slot[KEY]) return slot[KEY];
  const state: ClusterState = { waiting: new Map(), next: 0 };
  slot[KEY] = state;
  process.on('message', (message: unknown) => {
    if (isMessage(message, MESSAGE.metricsCollect)) {
      void metrics()
        .registry.getMetricsAsJSON()
        .then((json) => process.send?.({ type: MESSAGE.metricsPart, id: message.id, metrics: json }));
    } else if (isMessage(message, MESSAGE.metrics)) {
      state.waiting.get(message.id)?.({ text: message.text, json: message.json as MetricsJSON });
    }
  });
  return state;
}

/** Makes this worker answer the primary's collections from the start, before anyone asks for metrics. */
export function joinClusterMetrics(): void {
  if (cluster.isWorker) clusterState();
}

function gather(): Promise<Gathered> {
  const state = clusterState();
  const id = state.next++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      state.waiting.delete(id);
      reject(new Error('the primary process did not gather the workers’ metrics in time'));
    }, ASK_TIMEOUT_MS);
    state.waiting.set(id, (gathered) => {
      clearTimeout(timer);
      state.waiting.delete(id);
      resolve(gathered);
    });
    process.send?.({ type: MESSAGE.metricsRequest, id });
  });
}

/** Prometheus text for /metrics. */
export async function instanceMetricsText(): Promise<string> {
  return cluster.isWorker ? (await gather()).text : metrics().registry.metrics();
}

/** The same as JSON, for the admin charts' sampler. */
export async function instanceMetricsJSON(): Promise<MetricsJSON> {
  return cluster.isWorker ? (await gather()).json : ((await metrics().registry.getMetricsAsJSON()) as MetricsJSON);
}
