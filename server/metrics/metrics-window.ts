/**
 * The admin charts' arithmetic, apart from the sampler so it can be tested with made-up counters: every chart
 * point is read from the change in Prometheus counters and histogram buckets over the minute that ends at it
 * (a rolling window), so a line is continuous while there was traffic in the last minute, and the dashboard's
 * tiles, which show the newest point, read the same minute as the chart's last point.
 */

/** Counter and gauge values by `name|label=value,…`. */
export type Snapshot = Map<string, number>;

/** One sample of the admin charts: the instance over the minute (`windowSeconds`) ending at `at`. */
export interface MetricsPoint {
  /** Epoch milliseconds at the end of the window. */
  at: number;
  /** What the rates and percentiles cover: a minute, less just after start-up. */
  windowSeconds: number;
  /** Every route but the admin page's own polling. */
  requestsPerSecond: number;
  /** Every route but chat answers (and the admin page's polling): the pages, the API, uploads, health. */
  latencyMs: { p50: number | null; p95: number | null; p99: number | null };
  /** Share of requests answered 5xx, 0-1. */
  errorRate: number;
  pool: { active: number; idle: number; max: number; waiting: number };
  /** Hit rate 0-1 per cache, null when the cache saw no traffic in the window. */
  cacheHitRate: { response: number | null; session: number | null; embedding: number | null };
  /** Chat answers (`/chat`, `/api/chat`): until the answer starts streaming, retrieval included. */
  chatLatencyMs: { p50: number | null; p95: number | null };
  /** From the model call to the answer's first token. */
  timeToFirstTokenMs: { p50: number | null; p95: number | null };
  /** Whole model calls for chat answers. */
  llmLatencyMs: { p50: number | null; p95: number | null };
  /** Since the previous sample (not the window): the token and cost charts add samples up. */
  tokens: { input: number; output: number };
  costUsd: number;
}

const ROLLING_WINDOW_MS = 60_000;
const HISTORY_MS = 60 * 60 * 1000;

type Labels = (labels: string) => boolean;
const any: Labels = () => true;

export function keyOf(name: string, labels: Record<string, string | number | undefined>): string {
  return `${name}|${Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(',')}`;
}

function* series(values: Snapshot, name: string, filter: Labels) {
  for (const [key, value] of values) {
    const [metric, labels = ''] = key.split('|');
    if (metric === name && filter(labels)) yield { key, labels, value };
  }
}

/** Sum of the increase of every series of `name` whose labels match `filter` (a restart counts from zero). */
function increase(now: Snapshot, before: Snapshot, name: string, filter: Labels = any): number {
  let total = 0;
  for (const { key, value } of series(now, name, filter)) {
    const previous = before.get(key) ?? 0;
    total += value >= previous ? value - previous : value;
  }
  return total;
}

function current(now: Snapshot, name: string, filter: Labels = any): number {
  let total = 0;
  for (const { value } of series(now, name, filter)) total += value;
  return total;
}

/** A quantile (ms) of the observations added to histogram `name` between the snapshots, interpolated in buckets. */
function quantileMs(now: Snapshot, before: Snapshot, name: string, q: number, filter: Labels = any): number | null {
  const buckets = new Map<number, number>();
  for (const { key, labels, value } of series(now, `${name}_bucket`, filter)) {
    const le = labels.match(/(?:^|,)le=([^,]+)/)?.[1];
    if (!le) continue;
    const bound = le === '+Inf' ? Infinity : Number(le);
    const previous = before.get(key) ?? 0;
    buckets.set(bound, (buckets.get(bound) ?? 0) + (value >= previous ? value - previous : value));
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
// The admin page polling its own data must not drown the traffic it shows.
const notAdmin: Labels = (labels) => !/route=\/api\/trpc\/admin\./.test(labels);
const CHAT_ROUTES = new Set(['route=/chat', 'route=/api/chat']);
const isChat: Labels = (labels) => labels.split(',').some((label) => CHAT_ROUTES.has(label));

function hitRate(now: Snapshot, before: Snapshot, cache: string): number | null {
  const lookups = (result: string) =>
    increase(now, before, 'docent_cache_requests_total', (l) => byLabel('cache', cache)(l) && byLabel('result', result)(l));
  const hits = lookups('hit');
  const misses = lookups('miss');
  return hits + misses === 0 ? null : hits / (hits + misses);
}

function percentiles(now: Snapshot, before: Snapshot, name: string, filter: Labels) {
  return { p50: quantileMs(now, before, name, 0.5, filter), p95: quantileMs(now, before, name, 0.95, filter) };
}

/** The point at `at`: rates and percentiles over the window since `windowStart`, tokens and cost since `previous`. */
function pointAt(at: number, now: Snapshot, windowStart: { at: number; values: Snapshot }, previous: Snapshot): MetricsPoint {
  const before = windowStart.values;
  const seconds = Math.max((at - windowStart.at) / 1000, 0.001);
  const requests = increase(now, before, 'docent_http_requests_total', notAdmin);
  const failures = increase(now, before, 'docent_http_requests_total', (l) => notAdmin(l) && /(?:^|,)status=5/.test(l));
  const otherRoutes: Labels = (l) => notAdmin(l) && !isChat(l);
  const latency = (q: number) => quantileMs(now, before, 'docent_http_request_duration_seconds', q, otherRoutes);
  return {
    at,
    windowSeconds: Math.round(seconds * 10) / 10,
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
    chatLatencyMs: percentiles(now, before, 'docent_http_request_duration_seconds', isChat),
    timeToFirstTokenMs: percentiles(now, before, 'docent_llm_time_to_first_token_seconds', any),
    llmLatencyMs: percentiles(now, before, 'docent_llm_request_duration_seconds', byLabel('operation', 'chat')),
    tokens: {
      input: increase(now, previous, 'docent_llm_tokens_total', byLabel('direction', 'input')),
      output: increase(now, previous, 'docent_llm_tokens_total', byLabel('direction', 'output')),
    },
    costUsd: increase(now, previous, 'docent_llm_cost_usd_total'),
  };
}

/**
 * The last hour of points, from snapshots taken every few seconds. Keeps the snapshots of the last minute (and
 * the one just before it, where the window starts).
 */
export class MetricsWindow {
  readonly points: MetricsPoint[] = [];
  private snapshots: Array<{ at: number; values: Snapshot }> = [];

  constructor(private readonly rollingMs = ROLLING_WINDOW_MS) {}

  record(at: number, values: Snapshot): void {
    const previous = this.snapshots.at(-1);
    if (previous) {
      // The window starts at the newest snapshot a minute old or older; shortly after start-up, at the first.
      const start = this.snapshots.findLast((snapshot) => snapshot.at <= at - this.rollingMs) ?? this.snapshots[0]!;
      this.points.push(pointAt(at, values, start, previous.values));
      while (this.points.length > 0 && this.points[0]!.at < at - HISTORY_MS) this.points.shift();
    }
    this.snapshots.push({ at, values });
    const firstNeeded = this.snapshots.findLastIndex((snapshot) => snapshot.at <= at - this.rollingMs);
    if (firstNeeded > 0) this.snapshots = this.snapshots.slice(firstNeeded);
  }
}
