'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import {
  cancelProcessing,
  changeProcessing,
  documentState,
  UploadAbortedError,
  uploadFile,
  type DocumentState,
  type UploadedDocument,
} from './upload-file';

/** Files uploaded at once; the rest wait their turn. */
const CONCURRENCY = 3;
/** How often an uploaded document's reading and indexing is checked until it is ready or failed. */
const WATCH_INTERVAL_MS = 1000;

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
  private readonly running = new Map<string, () => void>();
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
        this.watching.set(id, setTimeout(() => void check(), WATCH_INTERVAL_MS));
      } else {
        const result = this.items.find((item) => item.id === id)?.result;
        if (result) this.uploaded({ ...result, status: document.status });
      }
    };
    this.watching.set(id, setTimeout(() => void check(), WATCH_INTERVAL_MS / 2));
  }

  private set(items: UploadItem[]) {
    this.items = items;
    this.listeners.forEach((listener) => listener());
  }

  private update(id: string, patch: Partial<UploadItem>) {
    this.set(this.items.map((item) => (item.id === id ? { ...item, ...patch } : item)));
  }

  private pump() {
    while (this.running.size < CONCURRENCY && this.waiting.length > 0) {
      const item = this.waiting.shift()!;
      this.update(item.id, { state: 'uploading', progress: 0, error: null });
      const { promise, abort } = uploadFile(item.file, {
        vaultId: item.vaultId,
        // Bytes on the wire are most of the wait; the last sliver is the server storing the file.
        onProgress: (fraction) => this.update(item.id, { progress: Math.min(99, fraction * 100) }),
      });
      this.running.set(item.id, abort);
      promise
        .then((result) => {
          this.update(item.id, { state: 'done', progress: 100, result, document: { status: result.status, error: null, title: result.title ?? null } });
          this.uploaded(result);
          if (result.status === 'queued' || result.status === 'processing') this.watch(item.id, result.document_id);
        })
        .catch((error: unknown) => {
          if (error instanceof UploadAbortedError) this.update(item.id, { state: 'cancelled', progress: 0 });
          else this.update(item.id, { state: 'error', error: error instanceof Error ? error.message : String(error) });
        })
        .finally(() => {
          this.running.delete(item.id);
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
