/** What the admin page shows; produced by the `admin` tRPC router. */

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

export interface MaintenanceTaskInfo {
  task: MaintenanceTask;
  label: string;
  description: string;
  lastRun: MaintenanceRun | null;
}

export const MAINTENANCE_TASK_NAMES = ['vacuum-analyze', 'reindex', 'prune-sessions', 'prune-orphans', 'prune-caches'] as const;
export type MaintenanceTask = (typeof MAINTENANCE_TASK_NAMES)[number];

export interface MaintenanceRun {
  task: MaintenanceTask;
  status: 'running' | 'succeeded' | 'failed' | 'skipped';
  detail: string;
  startedAt: Date;
  finishedAt: Date | null;
  instance: string;
}

export interface AdminOverview {
  tables: Array<{ table: string; rows: number; totalBytes: number }>;
  vectorIndexes: Array<{ name: string; model: string | null; method: string; parameters: string; sizeBytes: number; definition: string }>;
  slowQueries:
    | { available: true; rows: Array<{ query: string; calls: number; meanMs: number; totalMs: number }> }
    | { available: false; note: string };
  ingestQueue: { queued: number; running: number; failed: number };
  maintenance: MaintenanceTaskInfo[];
}
