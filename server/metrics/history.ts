import { instanceMetricsJSON } from './instance-metrics';

/** One sample of the admin charts: the instance over the last sample window. */
export interface MetricsPoint {
  /** Epoch milliseconds at the end of the sample window. */
  at: number;
  requestsPerSecond: number;
  latencyMs: { p50: number | null; p95: number | null; p99: number | null };
  /** Share of requests answered 5xx, 0-1. */
  errorRate: number;
  pool: { active: number; idle: number; max: number; waiting: number };
  /** Hit rate 0-1 per cache, null when the cache saw no traffic in the window. */
  cacheHitRate: { response: number | null; session: number | null; embedding: number | null };
  llmLatencyMs: { p50: number | null; p95: number | null };
  timeToFirstTokenMs: { p50: number | null; p95: number | null };
  tokens: { input: number; output: number };
  costUsd: number;
}

/**
 * The last hour of the admin charts, sampled from the Prometheus registry every METRICS_SAMPLE_SECONDS: rates
 * and percentiles come from the change in counters and histogram buckets between two samples. Per instance,
 * in memory (Prometheus itself is the place for longer or fleet-wide history).
 */

type Snapshot = Map<string, number>;

const WINDOW_MS = 60 * 60 * 1000;

interface HistoryState {
  points: MetricsPoint[];
  previous: { at: number; values: Snapshot } | null;
  timer?: NodeJS.Timeout;
}

const KEY = Symbol.for('docent.metricsHistory');
const slot = globalThis as unknown as { [KEY]?: HistoryState };
const state = (): HistoryState => (slot[KEY] ??= { points: [], previous: null });

function keyOf(name: string, labels: Record<string, string | number | undefined>): string {
  return `${name}|${Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(',')}`;
}

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

/** Sum of the increase of every series of `name` whose labels match `filter`. */
function increase(now: Snapshot, before: Snapshot, name: string, filter: (labels: string) => boolean = () => true): number {
  let total = 0;
  for (const [key, value] of now) {
    const [series, labels = ''] = key.split('|');
    if (series === name && filter(labels)) total += Math.max(0, value - (before.get(key) ?? 0));
  }
  return total;
}

function current(now: Snapshot, name: string, filter: (labels: string) => boolean = () => true): number {
  let total = 0;
  for (const [key, value] of now) {
    const [series, labels = ''] = key.split('|');
    if (series === name && filter(labels)) total += value;
  }
  return total;
}

/** A quantile (ms) of the observations added to histogram `name` between the samples, interpolated in buckets. */
function quantileMs(now: Snapshot, before: Snapshot, name: string, q: number, filter: (labels: string) => boolean = () => true): number | null {
  const buckets = new Map<number, number>();
  for (const [key, value] of now) {
    const [series, labels = ''] = key.split('|');
    if (series !== `${name}_bucket` || !filter(labels)) continue;
    const le = labels.match(/(?:^|,)le=([^,]+)/)?.[1];
    if (!le) continue;
    const bound = le === '+Inf' ? Infinity : Number(le);
    buckets.set(bound, (buckets.get(bound) ?? 0) + Math.max(0, value - (before.get(key) ?? 0)));
  }
  const sorted = [...buckets.entries()].sort(([a], [b]) => a - b);
  const total = sorted.at(-1)?.[1] ?? 0;
  if (total === 0) return null;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const [bound, count] of sorted) {
    if (count >= rank) {
      if (!Number.isFinite(bound)) return lowerBound * 1000;
      const share = count === lowerCount ? 0 : (rank - lowerCount) / (count - lowerCount);
      return Math.round((lowerBound + (bound - lowerBound) * share) * 100_000) / 100;
    }
    lowerBound = bound;
    lowerCount = count;
  }
  return null;
}

const byLabel = (label: string, value: string) => (labels: string) => labels.split(',').includes(`${label}=${value}`);

function hitRate(now: Snapshot, before: Snapshot, cache: string): number | null {
  const hits = increase(now, before, 'docent_cache_requests_total', (l) => byLabel('cache', cache)(l) && byLabel('result', 'hit')(l));
  const misses = increase(now, before, 'docent_cache_requests_total', (l) => byLabel('cache', cache)(l) && byLabel('result', 'miss')(l));
  return hits + misses === 0 ? null : hits / (hits + misses);
}

function point(at: number, seconds: number, now: Snapshot, before: Snapshot): MetricsPoint {
  // The admin page polling its own data must not drown the traffic it shows.
  const notAdmin = (labels: string) => !/route=\/api\/trpc\/admin\./.test(labels);
  const requests = increase(now, before, 'docent_http_requests_total', notAdmin);
  const failures = increase(now, before, 'docent_http_requests_total', (l) => notAdmin(l) && /(?:^|,)status=5/.test(l));
  const latency = (q: number) => quantileMs(now, before, 'docent_http_request_duration_seconds', q, notAdmin);
  const chat = byLabel('operation', 'chat');
  return {
    at,
    requestsPerSecond: Math.round((requests / seconds) * 100) / 100,
    latencyMs: { p50: latency(0.5), p95: latency(0.95), p99: latency(0.99) },
    errorRate: requests === 0 ? 0 : failures / requests,
    pool: {
      active: current(now, 'docent_db_pool_connections', byLabel('state', 'active')),
      idle: current(now, 'docent_db_pool_connections', byLabel('state', 'idle')),
      max: current(now, 'docent_db_pool_max'),
      waiting: current(now, 'docent_db_pool_waiting'),
    },
    cacheHitRate: { response: hitRate(now, before, 'response'), session: hitRate(now, before, 'session'), embedding: hitRate(now, before, 'embedding') },
    llmLatencyMs: {
      p50: quantileMs(now, before, 'docent_llm_request_duration_seconds', 0.5, chat),
      p95: quantileMs(now, before, 'docent_llm_request_duration_seconds', 0.95, chat),
    },
    timeToFirstTokenMs: {
      p50: quantileMs(now, before, 'docent_llm_time_to_first_token_seconds', 0.5),
      p95: quantileMs(now, before, 'docent_llm_time_to_first_token_seconds', 0.95),
    },
    tokens: {
      input: increase(now, before, 'docent_llm_tokens_total', byLabel('direction', 'input')),
      output: increase(now, before, 'docent_llm_tokens_total', byLabel('direction', 'output')),
    },
    costUsd: increase(now, before, 'docent_llm_cost_usd_total'),
  };
}

/** Takes one sample; `refresh` updates the gauges read from the database first. */
async function sampleMetrics(refresh: () => Promise<void>): Promise<void> {
  const history = state();
  await refresh().catch(() => {});
  const now = await snapshot();
  const at = Date.now();
  if (history.previous) {
    history.points.push(point(at, (at - history.previous.at) / 1000, now, history.previous.values));
    while (history.points.length > 0 && history.points[0]!.at < at - WINDOW_MS) history.points.shift();
  }
  history.previous = { at, values: now };
}

export function startMetricsSampler(intervalSeconds: number, refresh: () => Promise<void>): void {
  const history = state();
  if (history.timer) return;
  // A sample that fails (workers' metrics not gathered in time) is skipped; the next one measures across the gap.
  const sample = () => void sampleMetrics(refresh).catch(() => {});
  sample();
  history.timer = setInterval(sample, intervalSeconds * 1000);
  history.timer.unref();
}

export function metricsHistory(): MetricsPoint[] {
  return state().points;
}
