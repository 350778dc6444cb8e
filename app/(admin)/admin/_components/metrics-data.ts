import type { MetricsPoint } from '@/server/metrics/history';

/** One flat row per sample, in the units the charts draw (ms, %, USD), so every series is a plain dataKey. */
export interface ChartRow {
  at: number;
  requestsPerSecond: number;
  latencyP50: number | null;
  latencyP95: number | null;
  latencyP99: number | null;
  errorPercent: number;
  poolActive: number;
  poolIdle: number;
  poolWaiting: number;
  poolMax: number;
  cacheResponse: number | null;
  cacheSession: number | null;
  cacheEmbedding: number | null;
  llmP50: number | null;
  llmP95: number | null;
  ttftP50: number | null;
  ttftP95: number | null;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  /** Sum of `costUsd` up to and including this sample. */
  costCumulativeUsd: number;
}

const percent = (share: number | null) => (share == null ? null : share * 100);

export function toChartRows(points: readonly MetricsPoint[]): ChartRow[] {
  let cumulative = 0;
  return points.map((point) => {
    cumulative += point.costUsd;
    return {
      at: point.at,
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
      llmP50: point.llmLatencyMs.p50,
      llmP95: point.llmLatencyMs.p95,
      ttftP50: point.timeToFirstTokenMs.p50,
      ttftP95: point.timeToFirstTokenMs.p95,
      tokensIn: point.tokens.input,
      tokensOut: point.tokens.output,
      costUsd: point.costUsd,
      costCumulativeUsd: cumulative,
    };
  });
}

/** The newest sample where `pick` has a value: percentiles are null in windows without traffic. */
export function latest<T>(rows: readonly ChartRow[], pick: (row: ChartRow) => T | null): T | null {
  for (let index = rows.length - 1; index >= 0; index -= 1) {
    const value = pick(rows[index]!);
    if (value != null) return value;
  }
  return null;
}

export interface Headline {
  /** Mean over the last minute of samples: a single short window is too jumpy to call "now". */
  requestsPerSecond: number | null;
  latencyP95: number | null;
  /** Share of the last minute's requests answered 5xx, in %. */
  errorPercent: number | null;
  costUsd: number;
}

const HEADLINE_WINDOW_MS = 60_000;

export function headline(rows: readonly ChartRow[]): Headline {
  const last = rows.at(-1);
  if (!last) return { requestsPerSecond: null, latencyP95: null, errorPercent: null, costUsd: 0 };
  const recent = rows.filter((row) => row.at > last.at - HEADLINE_WINDOW_MS);
  const requests = recent.reduce((sum, row) => sum + row.requestsPerSecond, 0);
  const errors = recent.reduce((sum, row) => sum + row.requestsPerSecond * row.errorPercent, 0);
  return {
    requestsPerSecond: requests / recent.length,
    latencyP95: latest(rows, (row) => row.latencyP95),
    errorPercent: requests > 0 ? errors / requests : 0,
    costUsd: last.costCumulativeUsd,
  };
}
