import { instanceMetricsJSON } from './instance-metrics';
import { keyOf, MetricsWindow, type MetricsPoint, type Snapshot } from './metrics-window';

export type { MetricsPoint } from './metrics-window';

/**
 * The last hour of the admin charts, sampled from the Prometheus registry every METRICS_SAMPLE_SECONDS
 * (metrics-window.ts does the arithmetic). Per instance, in memory (Prometheus itself is the place for longer or
 * fleet-wide history).
 */

interface HistoryState {
  window: MetricsWindow;
  timer?: NodeJS.Timeout;
}

const KEY = Symbol.for('docent.metricsHistory');
const slot = globalThis as unknown as { [KEY]?: HistoryState };
const state = (): HistoryState => (slot[KEY] ??= { window: new MetricsWindow() });

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

/** Takes one sample; `refresh` updates the gauges read from the database first. */
async function sampleMetrics(refresh: () => Promise<void>): Promise<void> {
  await refresh().catch(() => {});
  const values = await snapshot();
  state().window.record(Date.now(), values);
}

export function startMetricsSampler(intervalSeconds: number, refresh: () => Promise<void>): void {
  const history = state();
  if (history.timer) return;
  // A sample that fails (workers' metrics not gathered in time) is skipped: the chart shows the gap as a gap.
  const sample = () => void sampleMetrics(refresh).catch(() => {});
  sample();
  history.timer = setInterval(sample, intervalSeconds * 1000);
  history.timer.unref();
}

export function metricsHistory(): MetricsPoint[] {
  return state().window.points;
}
