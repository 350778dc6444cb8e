'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import { NO_UPLOADS, UploadQueue } from './upload-queue';

export type Uploads = ReturnType<typeof useUploads>;

/** The uploads of this visit; `onUploaded` runs (at most once a second) when documents were stored or finished reading. */
export function useUploads({ onUploaded }: { onUploaded: () => void }) {
  const [queue] = useState(() => new UploadQueue());
  const items = useSyncExternalStore(queue.subscribe, queue.getSnapshot, () => NO_UPLOADS);

  useEffect(() => queue.onUploaded(onUploaded), [queue, onUploaded]);
  // Leaving the page stops the uploads still in flight.
  useEffect(() => () => queue.abortAll(), [queue]);

  return {
    items,
    enqueue: queue.enqueue,
    cancel: queue.cancel,
    retry: queue.retry,
    stopReading: queue.stopReading,
    retryReading: queue.retryReading,
    cancelAll: queue.cancelAll,
    dismiss: queue.dismiss,
    clearFinished: queue.clearFinished,
  };
}
