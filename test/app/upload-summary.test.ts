import { describe, expect, it } from 'vitest';
import type { UploadItem } from '@/app/_components/uploads/upload-queue';
import { countUploads, rowsToShow } from '@/app/_components/uploads/upload-summary';

let next = 0;
function item(state: UploadItem['state'], status?: 'queued' | 'processing' | 'ready' | 'failed'): UploadItem {
  next += 1;
  return {
    id: `item-${next}`,
    file: null,
    name: `folder/file-${next}.md`,
    size: 100,
    fromFolder: true,
    state,
    progress: state === 'done' ? 100 : 0,
    error: state === 'error' ? 'not a kind of document Docent can read' : null,
    result: null,
    document: status ? { status, error: status === 'failed' ? 'empty' : null, title: null } : null,
    actionError: null,
    expanded: null,
  };
}

describe('a folder upload’s summary', () => {
  it('counts every file once by where it stands, and a stored file as sent', () => {
    const items = [
      ...Array.from({ length: 5 }, () => item('waiting')),
      ...Array.from({ length: 2 }, () => item('uploading')),
      item('done', 'queued'),
      item('done', 'processing'),
      ...Array.from({ length: 3 }, () => item('done', 'ready')),
      item('done', 'failed'),
      item('error'),
      item('cancelled'),
    ];
    expect(countUploads(items)).toEqual({ total: 15, waiting: 5, uploading: 2, sent: 7, reading: 2, ready: 3, failed: 3 });
  });

  it('shows what went wrong first, then what is moving, then what waits, and done files last, up to the limit', () => {
    const ready = Array.from({ length: 100 }, () => item('done', 'ready'));
    const waiting = Array.from({ length: 100 }, () => item('waiting'));
    const uploading = item('uploading');
    const reading = item('done', 'processing');
    const failed = item('done', 'failed');
    const leftOut = item('error');
    // Newest first, as the queue lists them: the problems are buried among the done files.
    const items = [...ready.slice(0, 50), leftOut, ...waiting, reading, ...ready.slice(50), uploading, failed];

    const shown = rowsToShow(items, 10);
    expect(shown.map((row) => row.id)).toEqual([leftOut.id, failed.id, uploading.id, reading.id, ...waiting.slice(0, 6).map((row) => row.id)]);
    expect(rowsToShow(items, 300)).toHaveLength(items.length);
    expect(rowsToShow(items, 300).slice(-100)).toEqual(ready);
  });
});
