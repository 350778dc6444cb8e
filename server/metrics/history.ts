import cluster from 'node:cluster';
import { hostname } from 'node:os';
import type { Database } from '@/db/client';
import { metricSamplesAfter, storeMetricSample } from '@/db/queries/metric-samples';
import { instanceMetricsJSON } from './instance-metrics';
import { HISTORY_MS, keyOf, mergeSamples, MetricsWindow, pointOf, type MetricsPoint, type Snapshot, type WindowSample } from './metrics-window';

export type { MetricsPoint } from './metrics-window';

/**
 * The last hour of the admin charts, sampled from the Prometheus registry every METRICS_SAMPLE_SECONDS
 * (metrics-window.ts does the arithmetic). Each instance writes its samples to PostgreSQL (metric_samples), and the
 * admin page reads every instance's, merged slot by slot: behind a load balancer, any instance draws the fleet.
 * The instance's own in-memory points are the fallback while the database cannot be read.
 */

interface FleetState {
  samples: Map<number, Map<string, WindowSample>>;
  /** The newest slot read so far; the next read starts a few slots before it, for instances that write late. */
  readThrough: number;
}

interface HistoryState {
  window: MetricsWindow;
  timer?: NodeJS.Timeout;
  /** Per database read from (one in the app; tests open several). */
  fleets: WeakMap<Database, FleetState>;
}

const KEY = Symbol.for('docent.metricsHistory');
const slot = globalThis as unknown as { [KEY]?: HistoryState };
const state = (): HistoryState => (slot[KEY] ??= { window: new MetricsWindow(), fleets: new WeakMap() });

// node:cluster workers of one instance all sample the instance's summed metrics: one id, so one row per slot.
const INSTANCE = `${hostname()}:${cluster.isWorker ? process.ppid : process.pid}`;
const KEEP_SECONDS = HISTORY_MS / 1000 + 120;
// Slots re-read on every poll: another instance's sample of a slot may land a little after this one's.
const LATE_SLOTS = 3;

async function snapshot(): Promise<Snapshot> {
  const values: Snapshot = new Map();
  for (const metric of await instanceMetricsJSON()) {
    for (const value of metric.values) {
      const name = (value as { metricName?: string }).metricName ?? metric.name;
      values.set(keyOf(name, value.labels), value.value);
    }
  }
  return values;
}

const slotOf = (at: number, intervalMs: number) => Math.floor(at / intervalMs) * intervalMs;

interface SamplerOptions {
  /** Updates the gauges read from the database before each sample. */
  refresh: () => Promise<void>;
  /** The database the samples are shared through; a failure leaves the sample in this instance only. */
  database: () => Promise<Database>;
}

async function sampleMetrics(intervalMs: number, options: SamplerOptions): Promise<void> {
  await options.refresh().catch(() => {});
  const values = await snapshot();
  const sample = state().window.record(Date.now(), values);
  if (!sample) return;
  const db = await options.database();
  await storeMetricSample(db, { instanceId: INSTANCE, slotAt: new Date(slotOf(sample.at, intervalMs)), sample }, KEEP_SECONDS);
}

export function startMetricsSampler(intervalSeconds: number, options: SamplerOptions): void {
  const history = state();
  if (history.timer) return;
  // A sample that fails (workers' metrics not gathered in time) is skipped: the chart shows the gap as a gap.
  const sample = () => void sampleMetrics(intervalSeconds * 1000, options).catch(() => {});
  sample();
  history.timer = setInterval(sample, intervalSeconds * 1000);
  history.timer.unref();
}

const isSample = (value: unknown): value is WindowSample =>
  typeof value === 'object' && value !== null && 'latency' in value && 'cache' in value && 'requests' in value;

/**
 * Every instance's points of the last hour, one per slot, each the instances' samples of that slot merged. Reads
 * only the slots since the last call (and a few before), so the admin page's polling stays cheap.
 */
export async function fleetMetricsHistory(db: Database, intervalSeconds: number): Promise<MetricsPoint[]> {
  const { fleets } = state();
  const fleet = fleets.get(db) ?? { samples: new Map(), readThrough: 0 };
  fleets.set(db, fleet);
  const intervalMs = intervalSeconds * 1000;
  const oldest = Date.now() - HISTORY_MS;
  const after = Math.max(fleet.readThrough - LATE_SLOTS * intervalMs, oldest);
  for (const row of await metricSamplesAfter(db, new Date(after))) {
    if (!isSample(row.sample)) continue;
    const at = row.slotAt.getTime();
    const slotSamples = fleet.samples.get(at) ?? new Map<string, WindowSample>();
    slotSamples.set(row.instanceId, row.sample);
    fleet.samples.set(at, slotSamples);
    fleet.readThrough = Math.max(fleet.readThrough, at);
  }
  for (const at of fleet.samples.keys()) if (at < oldest) fleet.samples.delete(at);
  return [...fleet.samples.entries()]
    .sort(([a], [b]) => a - b)
    .map(([at, samples]) => ({ ...pointOf(mergeSamples([...samples.values()])), at }));
}

/** This instance's own points: what the charts fall back to while the database cannot be read. */
export function metricsHistory(): MetricsPoint[] {
  return state().window.points;
}
