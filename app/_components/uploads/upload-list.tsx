'use client';

import { useMemo, useState } from 'react';
import { buttonStyles } from '@/app/_components/styles';
import { countUploads, rowsToShow, type UploadCounts } from './upload-summary';
import { UploadRow } from './upload-row';
import type { Uploads } from './use-uploads';

/** Up to this many uploads, each has its row; past it (a folder), counts and the rows that matter most. */
const FULL_LIST = 50;
/** Rows a "Show more" adds. */
const MORE_ROWS = 200;

const PARTS: Array<[keyof UploadCounts, string]> = [
  ['sent', 'uploaded'],
  ['uploading', 'uploading'],
  ['waiting', 'waiting'],
  ['reading', 'being read'],
  ['ready', 'ready'],
  ['failed', 'failed or left out'],
];

function describeCounts(counts: UploadCounts): string {
  const parts = PARTS.filter(([key]) => counts[key] > 0).map(([key, label]) => `${counts[key].toLocaleString('en')} ${label}`);
  return `${counts.total.toLocaleString('en')} file${counts.total === 1 ? '' : 's'}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

/** Progress of the uploads of this visit: a row per file, or for a big folder, counts and the rows that need attention first. */
export function UploadList({ uploads }: { uploads: Uploads }) {
  const { items } = uploads;
  const [limit, setLimit] = useState(FULL_LIST);
  const counts = useMemo(() => countUploads(items), [items]);
  const rows = useMemo(() => (items.length <= FULL_LIST ? items : rowsToShow(items, limit)), [items, limit]);
  if (items.length === 0) return null;
  const active = counts.waiting + counts.uploading;
  const finished = counts.total - active;
  const hidden = items.length - rows.length;
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
          {(active > 0 || counts.reading > 0) && (
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
      {counts.total > 1 && (
        <p
          data-testid="upload-summary"
          data-total={counts.total}
          data-sent={counts.sent}
          data-ready={counts.ready}
          data-failed={counts.failed}
          className="text-xs text-zinc-600 dark:text-zinc-400"
        >
          {describeCounts(counts)}
          {hidden > 0 && ' · showing problems and files in progress first'}
        </p>
      )}
      <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
        {rows.map((item) => (
          <UploadRow
            key={item.id}
            item={item}
            onCancel={uploads.cancel}
            onRetry={uploads.retry}
            onStopReading={uploads.stopReading}
            onRetryReading={uploads.retryReading}
            onDismiss={uploads.dismiss}
          />
        ))}
      </ul>
      {hidden > 0 && (
        <button type="button" className={buttonStyles.quiet} onClick={() => setLimit(limit + MORE_ROWS)}>
          Show {Math.min(MORE_ROWS, hidden).toLocaleString('en')} more of {hidden.toLocaleString('en')} not shown
        </button>
      )}
    </section>
  );
}
