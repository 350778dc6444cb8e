'use client';

import { buttonStyles } from '@/app/_components/styles';
import { UploadRow } from './upload-row';
import { isReading, type Uploads } from './use-uploads';

/** Per-file progress of the uploads of this visit. */
export function UploadList({ uploads }: { uploads: Uploads }) {
  const { items } = uploads;
  if (items.length === 0) return null;
  const finished = items.filter((item) => item.state !== 'waiting' && item.state !== 'uploading').length;
  const active = items.length - finished;
  return (
    <section aria-labelledby="uploads-heading" className="space-y-2">
      <div className="flex items-center justify-between gap-4">
        <h3 id="uploads-heading" className="text-sm font-semibold">
          Uploads{' '}
          <span className="font-normal text-zinc-500 dark:text-zinc-400" aria-live="polite">
            {active > 0 ? `· ${active} in progress` : '· all done'}
          </span>
        </h3>
        <div className="flex gap-1">
          {items.some((item) => item.state === 'waiting' || item.state === 'uploading' || isReading(item)) && (
            <button type="button" className={buttonStyles.quiet} onClick={uploads.cancelAll}>
              Cancel all
            </button>
          )}
          {finished > 0 && (
            <button type="button" className={buttonStyles.quiet} onClick={uploads.clearFinished}>
              Clear finished
            </button>
          )}
        </div>
      </div>
      <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
        {items.map((item) => (
          <UploadRow
            key={item.id}
            item={item}
            onCancel={() => uploads.cancel(item.id)}
            onRetry={() => uploads.retry(item.id)}
            onStopReading={() => uploads.stopReading(item.id)}
            onRetryReading={() => uploads.retryReading(item.id)}
            onDismiss={() => uploads.dismiss(item.id)}
          />
        ))}
      </ul>
    </section>
  );
}
