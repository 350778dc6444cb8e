import { describe, expect, it } from 'vitest';
import { newest, toChartRows } from '@/app/(admin)/admin/_components/metrics-data';
import type { MetricsPoint } from '@/server/metrics/history';

const point = (at: number, requestsPerSecond: number, p95: number | null, costUsd = 0): MetricsPoint => ({
  at,
  windowSeconds: 60,
  requestsPerSecond,
  latencyMs: { p50: p95, p95, p99: p95 },
  errorRate: 0,
  pool: { active: 1, idle: 1, max: 10, waiting: 0 },
  cacheHitRate: { response: null, session: null, embedding: null },
  chatLatencyMs: { p50: null, p95: null },
  timeToFirstTokenMs: { p50: null, p95: null },
  llmLatencyMs: { p50: null, p95: null },
  tokens: { input: 0, output: 0 },
  costUsd,
});

describe('the admin charts’ rows', () => {
  it('break the line where the server took no sample, and nowhere else', () => {
    const rows = toChartRows([point(0, 1, 5), point(10_000, 1, 5), point(20_000, 1, 5), point(90_000, 2, 6), point(100_000, 2, 6)], 10);
    expect(rows.map((row) => [row.at, row.requestsPerSecond])).toEqual([
      [0, 1],
      [10_000, 1],
      [20_000, 1],
      [30_000, null],
      [90_000, 2],
      [100_000, 2],
    ]);
    expect(rows[3]!.sampled).toBe(false);
  });

  it('give the tiles the chart’s last point, and a cumulative cost', () => {
    const rows = toChartRows([point(0, 1, 5, 0.01), point(10_000, 3, 7, 0.02)], 10);
    expect(newest(rows)).toMatchObject({ requestsPerSecond: 3, latencyP95: 7, costCumulativeUsd: 0.03 });
    expect(newest([])).toBeNull();
  });
});
