export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Nearest-rank percentiles (as bench/ingest.ts), in the samples' unit, rounded to 0.01. */
export function percentiles(samples: number[]): Percentiles {
  if (samples.length === 0) return { p50: NaN, p95: NaN, p99: NaN, mean: NaN, max: NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  return {
    p50: round(at(50), 2),
    p95: round(at(95), 2),
    p99: round(at(99), 2),
    mean: round(sorted.reduce((s, x) => s + x, 0) / sorted.length, 2),
    max: round(sorted[sorted.length - 1]!, 2),
  };
}

export function fmt(p: Percentiles): string {
  return `${p.p50} / ${p.p95} / ${p.p99}`;
}
