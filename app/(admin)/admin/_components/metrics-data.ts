import type { MetricsPoint } from '@/server/metrics/history';

/**
 * One flat row per sample, in the units the charts draw (ms, %, USD), so every series is a plain dataKey. Every
 * value is null in a gap row: where the server took no sample, the charts break their lines instead of drawing
 * across the missing time.
 */
export interface ChartRow {
  at: number;
  /** A sample (false: a gap row). */
  sampled: boolean;
  requestsPerSecond: number | null;
  latencyP50: number | null;
  latencyP95: number | null;
  latencyP99: number | null;
  errorPercent: number | null;
  poolActive: number | null;
  poolIdle: number | null;
  poolWaiting: number | null;
  poolMax: number | null;
  cacheResponse: number | null;
  cacheSession: number | null;
  cacheEmbedding: number | null;
  chatP50: number | null;
  chatP95: number | null;
  ttftP50: number | null;
  ttftP95: number | null;
  llmP50: number | null;
  llmP95: number | null;
  tokensIn: number | null;
  tokensOut: number | null;
  costUsd: number | null;
  /** Sum of `costUsd` up to and including this sample. */
  costCumulativeUsd: number | null;
}

const percent = (share: number | null) => (share == null ? null : share * 100);

function gapRow(at: number): ChartRow {
  return {
    at,
    sampled: false,
    requestsPerSecond: null,
    latencyP50: null,
    latencyP95: null,
    latencyP99: null,
    errorPercent: null,
    poolActive: null,
    poolIdle: null,
    poolWaiting: null,
    poolMax: null,
    cacheResponse: null,
    cacheSession: null,
    cacheEmbedding: null,
    chatP50: null,
    chatP95: null,
    ttftP50: null,
    ttftP95: null,
    llmP50: null,
    llmP95: null,
    tokensIn: null,
    tokensOut: null,
    costUsd: null,
    costCumulativeUsd: null,
  };
}

/** Samples further apart than this many intervals have a gap between them (a missed sample, a restart). */
const GAP_INTERVALS = 2.5;

export function toChartRows(points: readonly MetricsPoint[], intervalSeconds: number): ChartRow[] {
  const rows: ChartRow[] = [];
  const interval = intervalSeconds * 1000;
  let cumulative = 0;
  let previousAt: number | null = null;
  for (const point of points) {
    if (previousAt != null && point.at - previousAt > GAP_INTERVALS * interval) rows.push(gapRow(previousAt + interval));
    previousAt = point.at;
    cumulative += point.costUsd;
    rows.push({
      at: point.at,
      sampled: true,
      requestsPerSecond: point.requestsPerSecond,
      latencyP50: point.latencyMs.p50,
      latencyP95: point.latencyMs.p95,
      latencyP99: point.latencyMs.p99,
      errorPercent: point.errorRate * 100,
      poolActive: point.pool.active,
      poolIdle: point.pool.idle,
      poolWaiting: point.pool.waiting,
      poolMax: point.pool.max,
      cacheResponse: percent(point.cacheHitRate.response),
      cacheSession: percent(point.cacheHitRate.session),
      cacheEmbedding: percent(point.cacheHitRate.embedding),
      chatP50: point.chatLatencyMs.p50,
      chatP95: point.chatLatencyMs.p95,
      ttftP50: point.timeToFirstTokenMs.p50,
      ttftP95: point.timeToFirstTokenMs.p95,
      llmP50: point.llmLatencyMs.p50,
      llmP95: point.llmLatencyMs.p95,
      tokensIn: point.tokens.input,
      tokensOut: point.tokens.output,
      costUsd: point.costUsd,
      costCumulativeUsd: cumulative,
    });
  }
  return rows;
}

/**
 * What the tiles and the charts' summaries say: the newest sample's values, i.e. the last point each chart draws
 * (every point covers the minute before it). One function, so a tile and its chart never disagree.
 */
export function newest(rows: readonly ChartRow[]): ChartRow | null {
  return rows.findLast((row) => row.sampled) ?? null;
}

const sum = (rows: readonly ChartRow[], pick: (row: ChartRow) => number | null) =>
  rows.reduce((total, row) => total + (pick(row) ?? 0), 0);

export function tokensThisHour(rows: readonly ChartRow[]) {
  return { input: sum(rows, (row) => row.tokensIn), output: sum(rows, (row) => row.tokensOut) };
}
