import Link from 'next/link';
import { memo } from 'react';
import { buttonStyles } from '@/app/_components/styles';
import { formatBytes } from '@/app/_components/format';
import { ProgressBar } from './progress-bar';
import { isReading, type UploadItem } from './upload-queue';

function describe(item: UploadItem): string {
  switch (item.state) {
    case 'waiting':
      return 'Waiting…';
    case 'uploading':
      return item.progress >= 99 ? 'Storing…' : `Uploading ${Math.round(item.progress)}%`;
    case 'done':
      if (item.expanded) return `Expanded into ${item.expanded.documents} document${item.expanded.documents === 1 ? '' : 's'}`;
      if (item.result?.deduplicated) return 'Already in Docent';
      switch (item.document?.status) {
        case 'ready':
          return item.result?.replaced ? 'Ready, replacing the earlier version' : 'Ready';
        case 'failed':
          return 'Failed';
        default:
          return 'Reading…';
      }
    case 'error':
      return 'Not uploaded';
    case 'cancelled':
      return 'Cancelled';
  }
}

/** The row's final word: waiting, uploading, reading, ready or failed (a stored document can still fail). */
function tone(item: UploadItem): string {
  if (item.state === 'done' && item.document?.status === 'failed') return TEXT_TONE.error;
  if (item.state === 'done' && !item.expanded && item.document?.status !== 'ready' && !item.result?.deduplicated) return TEXT_TONE.uploading;
  return TEXT_TONE[item.state];
}

const TEXT_TONE: Record<UploadItem['state'], string> = {
  waiting: 'text-zinc-500 dark:text-zinc-400',
  uploading: 'text-zinc-700 dark:text-zinc-300',
  done: 'text-emerald-700 dark:text-emerald-400',
  error: 'text-red-700 dark:text-red-400',
  cancelled: 'text-zinc-500 dark:text-zinc-400',
};

type UploadAction = (id: string) => void;

/** One file's row. Memoised: the actions are the queue's own (stable), so only rows whose item changed redraw. */
export const UploadRow = memo(function UploadRow({
  item,
  onCancel,
  onRetry,
  onStopReading,
  onRetryReading,
  onDismiss,
}: {
  item: UploadItem;
  onCancel: UploadAction;
  onRetry: UploadAction;
  onStopReading: UploadAction;
  onRetryReading: UploadAction;
  onDismiss: UploadAction;
}) {
  const name = item.name;
  const active = item.state === 'waiting' || item.state === 'uploading';
  const failed = item.state === 'error' || item.document?.status === 'failed';
  const duplicate = item.state === 'done' && item.result?.deduplicated;
  return (
    <li
      data-testid="upload-row"
      data-filename={name}
      data-state={item.state}
      data-document-status={item.document?.status}
      data-document-id={item.result?.document_id}
      className="space-y-2 px-4 py-3"
    >
      <div className="flex items-center gap-3">
        <FileIcon />
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-medium" title={name}>
            {name}
          </p>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">{formatBytes(item.size)}</p>
        </div>
        <span className={`shrink-0 text-xs font-medium ${tone(item)}`} data-testid="upload-state">
          {describe(item)}
        </span>
        {active ? (
          <button type="button" className={buttonStyles.quiet} onClick={() => onCancel(item.id)}>
            Cancel<span className="sr-only"> upload of {name}</span>
          </button>
        ) : (
          <>
            {(item.state === 'error' || item.state === 'cancelled') && (
              <button type="button" className={buttonStyles.quiet} onClick={() => onRetry(item.id)}>
                Retry<span className="sr-only"> upload of {name}</span>
              </button>
            )}
            {isReading(item) && (
              <button type="button" className={buttonStyles.quiet} onClick={() => onStopReading(item.id)}>
                Cancel<span className="sr-only"> reading of {name}</span>
              </button>
            )}
            {item.state === 'done' && item.document?.status === 'failed' && (
              <button type="button" className={buttonStyles.quiet} onClick={() => onRetryReading(item.id)}>
                Retry<span className="sr-only"> reading of {name}</span>
              </button>
            )}
            <button type="button" className={buttonStyles.quiet} onClick={() => onDismiss(item.id)} aria-label={`Dismiss ${name}`}>
              <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-4">
                <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
              </svg>
            </button>
          </>
        )}
      </div>
      {!failed && item.state !== 'cancelled' && (
        <ProgressBar
          value={item.progress}
          label={`Upload of ${name}`}
          tone={item.state === 'done' ? 'success' : 'neutral'}
          valueText={describe(item)}
        />
      )}
      {failed && (
        <p role="alert" data-testid="upload-error" className="text-sm text-red-700 dark:text-red-400">
          {item.state === 'error' ? item.error : (item.document?.error ?? 'This document could not be read.')}
        </p>
      )}
      {item.expanded && item.expanded.skipped.length > 0 && (
        <details data-testid="upload-skipped" className="text-sm">
          <summary className="cursor-pointer text-zinc-700 dark:text-zinc-300">
            {item.expanded.skipped.length} file{item.expanded.skipped.length === 1 ? '' : 's'} left out
          </summary>
          <ul className="mt-1 space-y-1">
            {item.expanded.skipped.map((skipped) => (
              <li key={skipped.filename}>
                <span className="font-medium">{skipped.filename}</span>: {skipped.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {item.actionError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {item.actionError}
        </p>
      )}
      {duplicate && item.result && (
        <p data-testid="upload-duplicate" className="text-sm text-zinc-600 dark:text-zinc-400">
          Already in Docent as{' '}
          <Link href={`/documents/${item.result.document_id}`} className="font-medium text-zinc-900 underline underline-offset-2 dark:text-zinc-100">
            {item.result.title ?? 'this document'}
          </Link>
          ; nothing new was stored.
        </p>
      )}
    </li>
  );
});

function FileIcon() {
  return (
    <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-5 shrink-0 text-zinc-400">
      <path d="M3 3.5A1.5 1.5 0 0 1 4.5 2h6.879a1.5 1.5 0 0 1 1.06.44l4.122 4.12A1.5 1.5 0 0 1 17 7.622V16.5a1.5 1.5 0 0 1-1.5 1.5h-11A1.5 1.5 0 0 1 3 16.5v-13Z" />
    </svg>
  );
}
