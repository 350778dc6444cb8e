import { keyOf, type Snapshot } from '@/server/metrics/metrics-window';

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, Infinity];

/** What the registry would hold after these requests: counters and cumulative histogram buckets. */
export function registryAfter(requests: Array<{ route: string; seconds: number; status?: string }>, extra: Record<string, number> = {}): Snapshot {
  const values: Snapshot = new Map(Object.entries(extra));
  const add = (key: string, by: number) => values.set(key, (values.get(key) ?? 0) + by);
  for (const { route, seconds, status = '200' } of requests) {
    const labels = { route, method: 'GET', status };
    add(keyOf('docent_http_requests_total', labels), 1);
    for (const bound of BUCKETS) {
      if (seconds <= bound) add(keyOf('docent_http_request_duration_seconds_bucket', { ...labels, le: bound === Infinity ? '+Inf' : bound }), 1);
    }
  }
  return values;
}
