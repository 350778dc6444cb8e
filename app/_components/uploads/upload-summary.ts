import { isReading, type UploadItem } from './upload-queue';

/** Where a visit's uploads stand, counted once per redraw. */
export interface UploadCounts {
  total: number;
  waiting: number;
  uploading: number;
  /** Upload answered: stored, or left out with a reason. */
  sent: number;
  reading: number;
  /** Stored and read (or already in Docent, or an archive expanded). */
  ready: number;
  /** Left out, not uploaded, cancelled, or its document failed. */
  failed: number;
}

export function countUploads(items: readonly UploadItem[]): UploadCounts {
  const counts: UploadCounts = { total: items.length, waiting: 0, uploading: 0, sent: 0, reading: 0, ready: 0, failed: 0 };
  for (const item of items) {
    if (item.state === 'waiting') counts.waiting += 1;
    else if (item.state === 'uploading') counts.uploading += 1;
    if (item.state === 'done' || item.state === 'error') counts.sent += 1;
    if (isReading(item)) counts.reading += 1;
    else if (item.state === 'done' && item.document?.status !== 'failed') counts.ready += 1;
    if (item.state === 'error' || item.state === 'cancelled' || (item.state === 'done' && item.document?.status === 'failed')) counts.failed += 1;
  }
  return counts;
}

/** A person's first concern in a long list: what went wrong, then what is moving, then what waits, then what is done. */
function rank(item: UploadItem): number {
  if (item.state === 'error' || (item.state === 'done' && item.document?.status === 'failed')) return 0;
  if (item.state === 'uploading') return 1;
  if (isReading(item)) return 2;
  if (item.state === 'waiting') return 3;
  if (item.state === 'cancelled') return 4;
  return 5;
}

/** The first `limit` items in that order; within a rank, as listed (newest first). */
export function rowsToShow(items: readonly UploadItem[], limit: number): UploadItem[] {
  const ranks: UploadItem[][] = [[], [], [], [], [], []];
  // No rank can need more than `limit` rows.
  for (const item of items) {
    const bucket = ranks[rank(item)]!;
    if (bucket.length < limit) bucket.push(item);
  }
  return ranks.flat().slice(0, limit);
}
