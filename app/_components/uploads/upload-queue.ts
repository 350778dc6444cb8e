import { StatusWatcher } from './status-watcher';
import { fromFolder, uploadName } from './dropped-files';
import {
  cancelProcessing,
  changeProcessing,
  UploadAbortedError,
  uploadFiles,
  UploadLaterError,
  type DocumentState,
  type UploadAnswer,
  type UploadedDocument,
} from './upload-file';

/** Upload requests at once; the rest wait their turn. */
const CONCURRENCY = 3;
/**
 * A folder's files go up together, this many per request at most and this many bytes (the server's defaults,
 * MAX_UPLOAD_FILES 20 and MAX_UPLOAD_BYTES 50 MiB, with room): 2,000 files are 100 requests, not 2,000.
 */
const BATCH_FILES = 20;
const BATCH_BYTES = 20 * 1024 * 1024;
/** The endpoint's most ids in one cancel. */
const CANCEL_IDS_PER_REQUEST = 5000;
/**
 * The panel is redrawn at most this often: a folder's 2,000 files change state (waiting, progress, stored, read)
 * thousands of times a minute, and redrawing for each kept the page busy.
 */
const PUBLISH_MS = 100;
/** The page's lists are refetched at most this often while a folder's documents are stored and read. */
const NOTIFY_MS = 1000;

type UploadState = 'waiting' | 'uploading' | 'done' | 'error' | 'cancelled';

export interface UploadItem {
  id: string;
  /** Kept until the file is stored, for a retry to send again; then dropped, so a big folder holds no Files. */
  file: File | null;
  /** What it is uploaded under: its path in the folder it came from, or its own name. */
  name: string;
  size: number;
  /** Picked or dropped with a folder: sent in batches, and an unreadable one is left out rather than failing the rest. */
  fromFolder: boolean;
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

export const NO_UPLOADS: UploadItem[] = [];

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Uploads, CONCURRENCY requests at a time, each file with its own progress, then its document followed until read.
 * React reads it as an external store: items are kept by id and changed in place of one another, and the list
 * React sees (newest first) is rebuilt at most every PUBLISH_MS.
 */
export class UploadQueue {
  private readonly byId = new Map<string, UploadItem>();
  private order: string[] = [];
  private snapshot: UploadItem[] = NO_UPLOADS;
  private waiting: string[] = [];
  /** Items being uploaded, each with the abort of its request (a folder's batch shares one). */
  private readonly running = new Map<string, () => void>();
  private requests = 0;
  /** Documents being read, and the item each belongs to. */
  private readonly watched = new Map<string, string>();
  private readonly watcher = new StatusWatcher((states) => this.documentsChecked(states));
  private readonly listeners = new Set<() => void>();
  private uploaded: () => void = () => {};
  private publishTimer: ReturnType<typeof setTimeout> | null = null;
  private publishedAt = 0;
  private notifyTimer: ReturnType<typeof setTimeout> | null = null;
  private notifiedAt = 0;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getSnapshot = () => this.snapshot;

  onUploaded = (callback: () => void) => {
    this.uploaded = callback;
  };

  enqueue = (files: Iterable<File>, vaultId?: string) => {
    const added: UploadItem[] = Array.from(files, (file) => ({
      id: crypto.randomUUID(),
      file,
      name: uploadName(file),
      size: file.size,
      fromFolder: fromFolder(file),
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
    for (const item of added) this.byId.set(item.id, item);
    this.order = [...added.map((item) => item.id), ...this.order];
    this.waiting.push(...added.map((item) => item.id));
    this.changed();
    this.pump();
  };

  cancel = (id: string) => {
    const abort = this.running.get(id);
    if (abort) return abort();
    this.waiting = this.waiting.filter((waiting) => waiting !== id);
    this.update(id, { state: 'cancelled' });
  };

  retry = (id: string) => {
    const item = this.byId.get(id);
    if (!item?.file || this.running.has(id) || this.waiting.includes(id)) return;
    this.update(id, { state: 'waiting', progress: 0, error: null, result: null, document: null });
    this.waiting.push(id);
    this.pump();
  };

  /** Stops the reading of an uploaded document. */
  stopReading = (id: string) => {
    const item = this.byId.get(id);
    if (!item?.result || !isReading(item)) return;
    const documentId = item.result.document_id;
    changeProcessing(documentId, 'cancel')
      .then(() => this.readingCancelled([documentId]))
      .catch((error: unknown) => this.update(id, { actionError: message(error) }));
  };

  /** Reads an uploaded document that failed (or was cancelled) again, from the original already stored. */
  retryReading = (id: string) => {
    const item = this.byId.get(id);
    if (!item?.result || item.document?.status !== 'failed') return;
    const documentId = item.result.document_id;
    changeProcessing(documentId, 'retry')
      .then(() => {
        const current = this.byId.get(id);
        if (!current) return;
        this.update(id, { document: { ...current.document!, status: 'queued', error: null }, actionError: null });
        this.watch(id, documentId);
      })
      .catch((error: unknown) => this.update(id, { actionError: message(error) }));
  };

  /** Cancels everything of this visit still under way: uploads not finished, and documents still being read. */
  cancelAll = () => {
    for (const id of this.waiting) this.patch(id, { state: 'cancelled' });
    this.waiting = [];
    this.changed();
    this.running.forEach((abort) => abort());
    const reading = [...this.byId.values()].filter(isReading).map((item) => item.result!.document_id);
    for (let i = 0; i < reading.length; i += CANCEL_IDS_PER_REQUEST) {
      const ids = reading.slice(i, i + CANCEL_IDS_PER_REQUEST);
      cancelProcessing(ids)
        .then(() => this.readingCancelled(ids))
        .catch((error: unknown) => {
          for (const documentId of ids) this.patch(this.watched.get(documentId), { actionError: message(error) });
          this.changed();
        });
    }
  };

  dismiss = (id: string) => {
    this.cancel(id);
    this.forget([id]);
  };

  clearFinished = () => {
    this.forget(this.order.filter((id) => {
      const state = this.byId.get(id)!.state;
      return state !== 'waiting' && state !== 'uploading';
    }));
  };

  abortAll = () => {
    this.waiting = [];
    this.running.forEach((abort) => abort());
    this.watcher.stop();
    this.watched.clear();
  };

  private forget(ids: string[]) {
    const gone = new Set(ids);
    for (const id of ids) {
      const documentId = this.byId.get(id)?.result?.document_id;
      if (documentId && this.watched.get(documentId) === id) {
        this.watched.delete(documentId);
        this.watcher.unwatch(documentId);
      }
      this.byId.delete(id);
    }
    this.order = this.order.filter((id) => !gone.has(id));
    this.changed();
  }

  /** Follows the stored document until it is ready or failed, so the row ends where the library does. */
  private watch(id: string, documentId: string) {
    this.watched.set(documentId, id);
    this.watcher.watch(documentId);
  }

  private documentsChecked(states: Map<string, DocumentState | null>) {
    let settled = false;
    for (const [documentId, document] of states) {
      const id = this.watched.get(documentId);
      const item = id === undefined ? undefined : this.byId.get(id);
      const reading = document?.status === 'queued' || document?.status === 'processing';
      if (!item || !reading) {
        this.watched.delete(documentId);
        this.watcher.unwatch(documentId);
      }
      if (!item || !document) continue;
      if (item.document?.status !== document.status || item.document.error !== document.error || item.document.title !== document.title) {
        this.patch(item.id, { document });
      }
      settled ||= !reading;
    }
    this.changed();
    if (settled) this.notifyUploaded();
  }

  private readingCancelled(documentIds: string[]) {
    for (const documentId of documentIds) {
      const id = this.watched.get(documentId);
      const item = id === undefined ? undefined : this.byId.get(id);
      this.watched.delete(documentId);
      this.watcher.unwatch(documentId);
      if (item && isReading(item)) this.patch(item.id, { document: { ...item.document!, status: 'failed', error: CANCELLED }, actionError: null });
    }
    this.changed();
  }

  /**
   * Tells the page that documents were stored or finished reading, at most every NOTIFY_MS: each call makes it
   * refetch its lists, and a folder's 100 batches and 2,000 documents would otherwise refetch them hundreds of times.
   */
  private notifyUploaded() {
    if (this.notifyTimer) return;
    const wait = Math.max(0, this.notifiedAt + NOTIFY_MS - Date.now());
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = null;
      this.notifiedAt = Date.now();
      this.uploaded();
    }, wait);
  }

  /** Changes an item without telling anyone yet; `changed()` follows. */
  private patch(id: string | undefined, patch: Partial<UploadItem>) {
    const item = id === undefined ? undefined : this.byId.get(id);
    if (item) this.byId.set(item.id, { ...item, ...patch });
  }

  private update(id: string, patch: Partial<UploadItem>) {
    this.patch(id, patch);
    this.changed();
  }

  /** Publishes the items at once if none were lately, otherwise once PUBLISH_MS has passed since. */
  private changed() {
    if (this.publishTimer) return;
    const wait = Math.max(0, this.publishedAt + PUBLISH_MS - performance.now());
    this.publishTimer = setTimeout(() => {
      this.publishTimer = null;
      this.publishedAt = performance.now();
      this.snapshot = this.order.map((id) => this.byId.get(id)!);
      this.listeners.forEach((listener) => listener());
    }, wait);
  }

  /** The next request's items: one file, or up to a batch of a folder's files bound for the same vault. */
  private nextBatch(): UploadItem[] {
    const first = this.byId.get(this.waiting.shift()!)!;
    const batch = [first];
    if (!first.fromFolder) return batch;
    let bytes = first.size;
    for (let next = this.byId.get(this.waiting[0]!); next && batch.length < BATCH_FILES; next = this.byId.get(this.waiting[0]!)) {
      if (!next.fromFolder || next.vaultId !== first.vaultId || bytes + next.size > BATCH_BYTES) break;
      batch.push(next);
      this.waiting.shift();
      bytes += next.size;
    }
    return batch;
  }

  private stored(item: UploadItem, result: UploadedDocument) {
    this.patch(item.id, {
      state: 'done',
      progress: 100,
      file: null,
      result,
      document: { status: result.status, error: null, title: result.title ?? null },
    });
    if (result.status === 'queued' || result.status === 'processing') this.watch(item.id, result.document_id);
  }

  /** Each item of the request gets its document, or the reason it was left out. */
  private answered(batch: UploadItem[], answer: UploadAnswer) {
    const [only] = batch;
    if (batch.length === 1 && only && (answer.documents.length !== 1 || answer.skipped.length > 0) && !only.fromFolder) {
      // A zip archive: it became many documents (the library lists them), some of its files perhaps left out.
      this.patch(only.id, { state: 'done', progress: 100, file: null, expanded: { documents: answer.documents.length, skipped: answer.skipped } });
    } else {
      const documents = new Map(answer.documents.map((document) => [document.filename, document]));
      const skipped = new Map(answer.skipped.map((file) => [file.filename, file.reason]));
      for (const item of batch) {
        const document = documents.get(item.name) ?? (batch.length === 1 ? answer.documents[0] : undefined);
        if (document) this.stored(item, document);
        else this.patch(item.id, { state: 'error', error: skipped.get(item.name) ?? 'Docent did not store this file.' });
      }
    }
    this.changed();
    if (answer.documents.length > 0) this.notifyUploaded();
  }

  private failed(batch: UploadItem[], error: unknown, cancelled: Set<string>) {
    if (error instanceof UploadLaterError) {
      for (const item of batch) this.patch(item.id, { state: 'waiting', progress: 0 });
      setTimeout(() => {
        this.waiting.unshift(...batch.filter((item) => this.byId.get(item.id)?.state === 'waiting').map((item) => item.id));
        this.pump();
      }, error.seconds * 1000);
    } else if (error instanceof UploadAbortedError) {
      // Cancelling one file of a folder's batch stops the request; the others go again.
      const again = batch.filter((item) => cancelled.size > 0 && !cancelled.has(item.id));
      for (const item of batch) this.patch(item.id, again.includes(item) ? { state: 'waiting', progress: 0 } : { state: 'cancelled', progress: 0 });
      this.waiting.unshift(...again.map((item) => item.id));
    } else {
      for (const item of batch) this.patch(item.id, { state: 'error', error: message(error) });
    }
    this.changed();
  }

  private pump() {
    while (this.requests < CONCURRENCY && this.waiting.length > 0) {
      const batch = this.nextBatch();
      for (const item of batch) this.patch(item.id, { state: 'uploading', progress: 0, error: null });
      this.changed();
      const { promise, abort } = uploadFiles(
        batch.map((item) => ({ file: item.file!, name: item.name })),
        {
          vaultId: batch[0]!.vaultId,
          skipUnreadable: batch.some((item) => item.fromFolder),
          // Bytes on the wire are most of the wait; the last sliver is the server storing the files.
          onProgress: (fraction) => {
            for (const item of batch) this.patch(item.id, { progress: Math.min(99, fraction * 100) });
            this.changed();
          },
        },
      );
      this.requests += 1;
      const cancelled = new Set<string>();
      for (const item of batch) this.running.set(item.id, () => (cancelled.add(item.id), abort()));
      promise
        .then((answer) => this.answered(batch, answer))
        .catch((error: unknown) => this.failed(batch, error, cancelled))
        .finally(() => {
          for (const item of batch) this.running.delete(item.id);
          this.requests -= 1;
          this.pump();
        });
    }
  }
}
