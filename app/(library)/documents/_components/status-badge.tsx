import type { DocumentStatus } from './types';

const STYLES: Record<DocumentStatus, { label: string; className: string; dot: string }> = {
  queued: {
    label: 'Queued',
    className: 'bg-zinc-100 text-zinc-700 ring-zinc-300 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700',
    dot: 'bg-zinc-400',
  },
  processing: {
    label: 'Processing',
    className: 'bg-sky-50 text-sky-800 ring-sky-200 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-900',
    dot: 'bg-sky-500 motion-safe:animate-pulse',
  },
  ready: {
    label: 'Ready',
    className:
      'bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-900',
    dot: 'bg-emerald-500',
  },
  failed: {
    label: 'Failed',
    className: 'bg-red-50 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-200 dark:ring-red-900',
    dot: 'bg-red-500',
  },
};

export const STATUS_LABELS: Record<DocumentStatus, string> = {
  queued: STYLES.queued.label,
  processing: STYLES.processing.label,
  ready: STYLES.ready.label,
  failed: STYLES.failed.label,
};

export function StatusBadge({ status }: { status: DocumentStatus }) {
  const style = STYLES[status] ?? STYLES.queued;
  return (
    <span
      data-testid="document-status"
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style.className}`}
    >
      <span aria-hidden className={`size-1.5 rounded-full ${style.dot}`} />
      {style.label}
    </span>
  );
}
