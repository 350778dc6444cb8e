/** What the admin page shows; produced by the `admin` tRPC router. */

export interface MaintenanceTaskInfo {
  task: MaintenanceTask;
  label: string;
  description: string;
  lastRun: MaintenanceRun | null;
}

export const MAINTENANCE_TASK_NAMES = ['vacuum-analyze', 'reindex', 'prune-sessions', 'prune-orphans', 'prune-caches', 'refresh-web-pages'] as const;
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
  /** The newest failed documents the admin may open, and how many more are in vaults they cannot read. */
  failedDocuments: { documents: Array<{ id: string; title: string; error: string | null }>; unreadable: number };
  maintenance: MaintenanceTaskInfo[];
}
