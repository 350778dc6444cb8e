'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import {
  cancelProcessing,
  changeProcessing,
  documentState,
  UploadAbortedError,
  uploadFiles,
  UploadLaterError,
  type DocumentState,
  type UploadAnswer,
  type UploadedDocument,
} from './upload-file';
import { fromFolder, uploadName } from './dropped-files';

/** Upload requests at once; the rest wait their turn. */
const CONCURRENCY = 3;
/**
 * A folder's files go up together, this many per request at most and this many bytes (the server's defaults,
 * MAX_UPLOAD_FILES 20 and MAX_UPLOAD_BYTES 50 MiB, with room): 2,000 files are 100 requests, not 2,000.
 */
const BATCH_FILES = 20;
const BATCH_BYTES = 20 * 1024 * 1024;
/** How often an uploaded document's reading and indexing is checked until it is ready or failed. */
const WATCH_INTERVAL_MS = 1000;
/** With many documents being read, each is checked less often: about this many checks a second in all. */
const WATCH_CHECKS_PER_SECOND = 20;

type UploadState = 'waiting' | 'uploading' | 'done' | 'error' | 'cancelled';

export interface UploadItem {
  id: string;
  file: File;
  vaultId?: string;
  state: UploadState;
  /** 0-100: bytes sent, 100 once the server has answered. */
  progress: number;
  error: string | null;
  result: UploadedDocument | null;
  /** After the upload: the document being read and indexed, until it ends ready or failed (with its reason). */
  document: DocumentState | null;
  /** Why cancelling or retrying the stored document's reading did not work. */
  actionError: string | null;
  /** A zip archive: the documents it became, and its files left out with why. */
  expanded: { documents: number; skipped: UploadAnswer['skipped'] } | null;
}

const CANCELLED: DocumentState['error'] = 'Cancelled by you.';

/** Uploaded, and its document still waiting or being read. */
export const isReading = (item: UploadItem) =>
  item.state === 'done' && (item.document?.status === 'queued' || item.document?.status === 'processing');

const NO_UPLOADS: UploadItem[] = [];

/** Per-file uploads, CONCURRENCY at a time, each with its own progress; React reads it as an external store. */
class UploadQueue {
  private items: UploadItem[] = NO_UPLOADS;
  private waiting: UploadItem[] = [];
  /** Items being uploaded, each with the abort of its request (a folder's batch shares one). */
  private readonly running = new Map<string, () => void>();
  private requests = 0;
  private readonly listeners = new Set<() => void>();
  private uploaded: (document: UploadedDocument) => void = () => {};

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getSnapshot = () => this.items;

  onUploaded = (callback: (document: UploadedDocument) => void) => {
    this.uploaded = callback;
  };

  enqueue = (files: Iterable<File>, vaultId?: string) => {
    const added: UploadItem[] = Array.from(files, (file) => ({
      id: crypto.randomUUID(),
      file,
      vaultId,
      state: 'waiting',
      progress: 0,
      error: null,
      result: null,
      document: null,
      actionError: null,
      expanded: null,
    }));
    if (added.length === 0) return;
    this.set([...added, ...this.items]);
    this.waiting.push(...added);
    this.pump();
  };

  cancel = (id: string) => {
    const abort = this.running.get(id);
    if (abort) return abort();
    this.waiting = this.waiting.filter((item) => item.id !== id);
    this.update(id, { state: 'cancelled' });
  };

  retry = (id: string) => {
    const item = this.items.find((candidate) => candidate.id === id);
    if (!item || this.running.has(id) || this.waiting.some((queued) => queued.id === id)) return;
    this.update(id, { state: 'waiting', progress: 0, error: null, result: null, document: null });
    this.waiting.push(item);
    this.pump();
  };

  /** Stops the reading of an uploaded document. */
  stopReading = (id: string) => {
    const item = this.items.find((candidate) => candidate.id === id);
    if (!item?.result || !isReading(item)) return;
    changeProcessing(item.result.document_id, 'cancel')
      .then(() => this.update(id, { document: { ...item.document!, status: 'failed', error: CANCELLED }, actionError: null }))
      .catch((error: unknown) => this.update(id, { actionError: error instanceof Error ? error.message : String(error) }));
  };

  /** Reads an uploaded document that failed (or was cancelled) again, from the original already stored. */
  retryReading = (id: string) => {
    const item = this.items.find((candidate) => candidate.id === id);
    if (!item?.result || item.document?.status !== 'failed') return;
    const documentId = item.result.document_id;
    changeProcessing(documentId, 'retry')
      .then(() => {
        this.update(id, { document: { ...item.document!, status: 'queued', error: null }, actionError: null });
        this.watch(id, documentId);
      })
      .catch((error: unknown) => this.update(id, { actionError: error instanceof Error ? error.message : String(error) }));
  };

  /** Cancels everything of this visit still under way: uploads not finished, and documents still being read. */
  cancelAll = () => {
    const waiting = this.waiting.map((item) => item.id);
    this.waiting = [];
    this.set(this.items.map((item) => (waiting.includes(item.id) ? { ...item, state: 'cancelled' } : item)));
    this.running.forEach((abort) => abort());
    const reading = this.items.filter(isReading);
    cancelProcessing(reading.map((item) => item.result!.document_id))
      .then(() =>
        this.set(
          this.items.map((item) => (reading.includes(item) ? { ...item, document: { ...item.document!, status: 'failed', error: CANCELLED } } : item)),
        ),
      )
      .catch((error: unknown) => reading.forEach((item) => this.update(item.id, { actionError: error instanceof Error ? error.message : String(error) })));
  };

  dismiss = (id: string) => {
    this.cancel(id);
    this.set(this.items.filter((item) => item.id !== id));
  };

  clearFinished = () => {
    this.set(this.items.filter((item) => item.state === 'waiting' || item.state === 'uploading'));
  };

  abortAll = () => {
    this.waiting = [];
    this.running.forEach((abort) => abort());
    this.watching.forEach((timer) => clearTimeout(timer));
    this.watching.clear();
  };

  private readonly watching = new Map<string, ReturnType<typeof setTimeout>>();

  /** Follows the stored document until it is ready or failed, so the row ends where the library does. */
  private watch(id: string, documentId: string) {
    const check = async () => {
      this.watching.delete(id);
      const document = await documentState(documentId).catch(() => null);
      if (!this.items.some((item) => item.id === id)) return;
      if (document) this.update(id, { document });
      if (!document || document.status === 'queued' || document.status === 'processing') {
        this.watching.set(id, setTimeout(() => void check(), this.watchInterval));
      } else {
        const result = this.items.find((item) => item.id === id)?.result;
        if (result) this.notifyUploaded({ ...result, status: document.status });
      }
    };
    this.watching.set(id, setTimeout(() => void check(), WATCH_INTERVAL_MS / 2));
  }

  private get watchInterval() {
    return Math.max(WATCH_INTERVAL_MS, (this.watching.size * 1000) / WATCH_CHECKS_PER_SECOND);
  }

  private pendingUploaded: ReturnType<typeof setTimeout> | null = null;

  /**
   * Tells the page once for the documents stored together (a folder's batch, a zip's files): each call makes it
   * refetch its lists, and twenty at once would overflow one tRPC batch request.
   */
  private notifyUploaded(document: UploadedDocument) {
    if (this.pendingUploaded) clearTimeout(this.pendingUploaded);
    this.pendingUploaded = setTimeout(() => {
      this.pendingUploaded = null;
      this.uploaded(document);
    }, 0);
  }

  private set(items: UploadItem[]) {
    this.items = items;
    this.listeners.forEach((listener) => listener());
  }

  private update(id: string, patch: Partial<UploadItem>) {
    this.set(this.items.map((item) => (item.id === id ? { ...item, ...patch } : item)));
  }

  /** The next request's items: one file, or up to a batch of a folder's files bound for the same vault. */
  private nextBatch(): UploadItem[] {
    const first = this.waiting.shift()!;
    const batch = [first];
    if (!fromFolder(first.file)) return batch;
    let bytes = first.file.size;
    for (let next = this.waiting[0]; next && batch.length < BATCH_FILES; next = this.waiting[0]) {
      if (!fromFolder(next.file) || next.vaultId !== first.vaultId || bytes + next.file.size > BATCH_BYTES) break;
      batch.push(this.waiting.shift()!);
      bytes += next.file.size;
    }
    return batch;
  }

  private stored(item: UploadItem, result: UploadedDocument) {
    this.update(item.id, { state: 'done', progress: 100, result, document: { status: result.status, error: null, title: result.title ?? null } });
    this.notifyUploaded(result);
    if (result.status === 'queued' || result.status === 'processing') this.watch(item.id, result.document_id);
  }

  /** Each item of the request gets its document, or the reason it was left out. */
  private answered(batch: UploadItem[], answer: UploadAnswer) {
    const [only] = batch;
    if (batch.length === 1 && only && (answer.documents.length !== 1 || answer.skipped.length > 0) && !fromFolder(only.file)) {
      // A zip archive: it became many documents (the library lists them), some of its files perhaps left out.
      this.update(only.id, { state: 'done', progress: 100, expanded: { documents: answer.documents.length, skipped: answer.skipped } });
      answer.documents.forEach((document) => this.notifyUploaded(document));
      return;
    }
    for (const item of batch) {
      const name = uploadName(item.file);
      const document = answer.documents.find((candidate) => candidate.filename === name) ?? (batch.length === 1 ? answer.documents[0] : undefined);
      const skipped = answer.skipped.find((candidate) => candidate.filename === name);
      if (document) this.stored(item, document);
      else this.update(item.id, { state: 'error', error: skipped?.reason ?? 'Docent did not store this file.' });
    }
  }

  private pump() {
    while (this.requests < CONCURRENCY && this.waiting.length > 0) {
      const batch = this.nextBatch();
      for (const item of batch) this.update(item.id, { state: 'uploading', progress: 0, error: null });
      const { promise, abort } = uploadFiles(
        batch.map((item) => ({ file: item.file, name: uploadName(item.file) })),
        {
          vaultId: batch[0]!.vaultId,
          skipUnreadable: batch.some((item) => fromFolder(item.file)),
          // Bytes on the wire are most of the wait; the last sliver is the server storing the files.
          onProgress: (fraction) => batch.forEach((item) => this.update(item.id, { progress: Math.min(99, fraction * 100) })),
        },
      );
      this.requests += 1;
      const cancelled = new Set<string>();
      for (const item of batch) {
        // Cancelling one file of a folder's batch stops the request; the others go again.
        this.running.set(item.id, () => (cancelled.add(item.id), abort()));
      }
      promise
        .then((answer) => this.answered(batch, answer))
        .catch((error: unknown) => {
          if (error instanceof UploadLaterError) {
            for (const item of batch) this.update(item.id, { state: 'waiting', progress: 0 });
            setTimeout(() => {
              this.waiting.unshift(...batch.filter((item) => this.items.some((kept) => kept.id === item.id && kept.state === 'waiting')));
              this.pump();
            }, error.seconds * 1000);
          } else if (error instanceof UploadAbortedError) {
            const again = batch.filter((item) => cancelled.size > 0 && !cancelled.has(item.id));
            for (const item of batch) this.update(item.id, again.includes(item) ? { state: 'waiting', progress: 0 } : { state: 'cancelled', progress: 0 });
            this.waiting.unshift(...again);
          } else {
            for (const item of batch) this.update(item.id, { state: 'error', error: error instanceof Error ? error.message : String(error) });
          }
        })
        .finally(() => {
          for (const item of batch) this.running.delete(item.id);
          this.requests -= 1;
          this.pump();
        });
    }
  }
}

export type Uploads = ReturnType<typeof useUploads>;

export function useUploads({ onUploaded }: { onUploaded: (document: UploadedDocument) => void }) {
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
