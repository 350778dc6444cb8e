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
export const HISTORY_MS = 60 * 60 * 1000;

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

/** Histogram bucket counts by upper bound in seconds (`le`, "+Inf" as Infinity), cumulative as Prometheus keeps them. */
type Buckets = Record<string, number>;

/** How many observations of histogram `name` fell in each bucket between the snapshots (all label sets summed). */
function bucketIncreases(now: Snapshot, before: Snapshot, name: string, filter: Labels = any): Buckets {
  const buckets: Buckets = {};
  for (const { key, labels, value } of series(now, `${name}_bucket`, filter)) {
    const le = labels.match(/(?:^|,)le=([^,]+)/)?.[1];
    if (!le) continue;
    const previous = before.get(key) ?? 0;
    buckets[le] = (buckets[le] ?? 0) + (value >= previous ? value - previous : value);
  }
  return buckets;
}

/** A quantile (ms) of the observations in `buckets`, interpolated within the bucket it falls in. */
function quantileMs(buckets: Buckets, q: number): number | null {
  const sorted = Object.entries(buckets)
    .map(([le, count]) => [le === '+Inf' ? Infinity : Number(le), count] as const)
    .sort(([a], [b]) => a - b);
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

const CACHES = ['response', 'session', 'embedding'] as const;
type CacheName = (typeof CACHES)[number];

/**
 * One instance's sample reduced to sums: counts over its window, histogram buckets, gauges and the step's tokens.
 * Every field adds up across instances, so the fleet's chart point is the point of the instances' samples summed
 * (history.ts shares them through PostgreSQL): percentiles come from merged buckets, not averaged percentiles.
 */
export interface WindowSample {
  /** Epoch milliseconds at the end of the window. */
  at: number;
  windowSeconds: number;
  requests: number;
  failures: number;
  latency: { other: Buckets; chat: Buckets; timeToFirstToken: Buckets; llm: Buckets };
  cache: Record<CacheName, { hits: number; misses: number }>;
  pool: MetricsPoint['pool'];
  /** Since the previous sample, not the window. */
  tokens: MetricsPoint['tokens'];
  costUsd: number;
}

/** The sample at `at`: the window since `windowStart`, tokens and cost since `previous`. */
function sampleAt(at: number, now: Snapshot, windowStart: { at: number; values: Snapshot }, previous: Snapshot): WindowSample {
  const before = windowStart.values;
  const lookups = (cache: string, result: string) =>
    increase(now, before, 'docent_cache_requests_total', (l) => byLabel('cache', cache)(l) && byLabel('result', result)(l));
  const otherRoutes: Labels = (l) => notAdmin(l) && !isChat(l);
  return {
    at,
    windowSeconds: Math.round(Math.max((at - windowStart.at) / 1000, 0.001) * 10) / 10,
    requests: increase(now, before, 'docent_http_requests_total', notAdmin),
    failures: increase(now, before, 'docent_http_requests_total', (l) => notAdmin(l) && /(?:^|,)status=5/.test(l)),
    latency: {
      other: bucketIncreases(now, before, 'docent_http_request_duration_seconds', otherRoutes),
      chat: bucketIncreases(now, before, 'docent_http_request_duration_seconds', isChat),
      timeToFirstToken: bucketIncreases(now, before, 'docent_llm_time_to_first_token_seconds'),
      llm: bucketIncreases(now, before, 'docent_llm_request_duration_seconds', byLabel('operation', 'chat')),
    },
    cache: Object.fromEntries(CACHES.map((cache) => [cache, { hits: lookups(cache, 'hit'), misses: lookups(cache, 'miss') }])) as WindowSample['cache'],
    pool: {
      active: current(now, 'docent_db_pool_connections', byLabel('state', 'active')),
      idle: current(now, 'docent_db_pool_connections', byLabel('state', 'idle')),
      max: current(now, 'docent_db_pool_max'),
      waiting: current(now, 'docent_db_pool_waiting'),
    },
    tokens: {
      input: increase(now, previous, 'docent_llm_tokens_total', byLabel('direction', 'input')),
      output: increase(now, previous, 'docent_llm_tokens_total', byLabel('direction', 'output')),
    },
    costUsd: increase(now, previous, 'docent_llm_cost_usd_total'),
  };
}

function addBuckets(a: Buckets, b: Buckets): Buckets {
  const sum = { ...a };
  for (const [le, count] of Object.entries(b)) sum[le] = (sum[le] ?? 0) + count;
  return sum;
}

/** Several instances' samples of the same moment as one: everything added up, the widest window kept. */
export function mergeSamples(samples: readonly WindowSample[]): WindowSample {
  return samples.reduce((a, b) => ({
    at: Math.max(a.at, b.at),
    windowSeconds: Math.max(a.windowSeconds, b.windowSeconds),
    requests: a.requests + b.requests,
    failures: a.failures + b.failures,
    latency: {
      other: addBuckets(a.latency.other, b.latency.other),
      chat: addBuckets(a.latency.chat, b.latency.chat),
      timeToFirstToken: addBuckets(a.latency.timeToFirstToken, b.latency.timeToFirstToken),
      llm: addBuckets(a.latency.llm, b.latency.llm),
    },
    cache: Object.fromEntries(
      CACHES.map((cache) => [cache, { hits: a.cache[cache].hits + b.cache[cache].hits, misses: a.cache[cache].misses + b.cache[cache].misses }]),
    ) as WindowSample['cache'],
    pool: {
      active: a.pool.active + b.pool.active,
      idle: a.pool.idle + b.pool.idle,
      max: a.pool.max + b.pool.max,
      waiting: a.pool.waiting + b.pool.waiting,
    },
    tokens: { input: a.tokens.input + b.tokens.input, output: a.tokens.output + b.tokens.output },
    costUsd: a.costUsd + b.costUsd,
  }));
}

const percentiles = (buckets: Buckets) => ({ p50: quantileMs(buckets, 0.5), p95: quantileMs(buckets, 0.95) });
const hitRate = ({ hits, misses }: { hits: number; misses: number }) => (hits + misses === 0 ? null : hits / (hits + misses));

/** The chart point a sample (one instance's, or several merged) draws. */
export function pointOf(sample: WindowSample): MetricsPoint {
  const { latency } = sample;
  return {
    at: sample.at,
    windowSeconds: sample.windowSeconds,
    requestsPerSecond: Math.round((sample.requests / sample.windowSeconds) * 100) / 100,
    latencyMs: { p50: quantileMs(latency.other, 0.5), p95: quantileMs(latency.other, 0.95), p99: quantileMs(latency.other, 0.99) },
    errorRate: sample.requests === 0 ? 0 : sample.failures / sample.requests,
    pool: sample.pool,
    cacheHitRate: { response: hitRate(sample.cache.response), session: hitRate(sample.cache.session), embedding: hitRate(sample.cache.embedding) },
    chatLatencyMs: percentiles(latency.chat),
    timeToFirstTokenMs: percentiles(latency.timeToFirstToken),
    llmLatencyMs: percentiles(latency.llm),
    tokens: sample.tokens,
    costUsd: sample.costUsd,
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

  /** Records a snapshot; returns the sample it completes (none for the very first snapshot). */
  record(at: number, values: Snapshot): WindowSample | null {
    const previous = this.snapshots.at(-1);
    let sample: WindowSample | null = null;
    if (previous) {
      // The window starts at the newest snapshot a minute old or older; shortly after start-up, at the first.
      const start = this.snapshots.findLast((snapshot) => snapshot.at <= at - this.rollingMs) ?? this.snapshots[0]!;
      sample = sampleAt(at, values, start, previous.values);
      this.points.push(pointOf(sample));
      while (this.points.length > 0 && this.points[0]!.at < at - HISTORY_MS) this.points.shift();
    }
    this.snapshots.push({ at, values });
    const firstNeeded = this.snapshots.findLastIndex((snapshot) => snapshot.at <= at - this.rollingMs);
    if (firstNeeded > 0) this.snapshots = this.snapshots.slice(firstNeeded);
    return sample;
  }
}
