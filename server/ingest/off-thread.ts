import type { Config, OfflineEmbedder } from '@/server/config';
import { AppError } from '@/server/errors';
import { ExtractionError, type DocumentFormat, type DocumentLimits } from './extract';
import { processOcrPool } from './ocr/process-ocr-pool';
import { stoppedFor, ThreadPool } from './thread/pool';
import type { PreparedDocument, TaskProgress, ThreadReply } from './thread/tasks';
import type { ReadablePage } from '@/server/web/readable-page';

// Counting a PDF's pages reads its catalogue only; longer than this, the file is hostile or broken.
const INSPECT_TIMEOUT_MS = 15_000;
const IDLE_MS = 60_000;

interface Pools {
  /** One thread per ingestion lane (INGEST_CONCURRENCY). */
  prepare: ThreadPool;
  /** Apart, so an upload's check never waits behind a long document. */
  inspect: ThreadPool;
}

// On globalThis like the services: one set of threads per process, whatever the bundling.
const KEY = Symbol.for('docent.ingestThreads');
const slot = globalThis as unknown as { [KEY]?: Pools };

function pools(config: Config): Pools {
  slot[KEY] ??= {
    prepare: new ThreadPool({ size: config.ingest.concurrency, memoryMb: config.ingest.threadMemoryMb, idleMs: IDLE_MS }),
    inspect: new ThreadPool({ size: 1, memoryMb: config.ingest.threadMemoryMb, idleMs: IDLE_MS }),
  };
  return slot[KEY];
}

function limitsOf(config: Config): DocumentLimits {
  return { maxPages: config.ingest.maxDocumentPages, maxChars: config.ingest.maxDocumentChars };
}

/** A copy the thread can own: the caller's bytes stay usable. */
function ownCopy(content: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(content);
}

function unexpected(reply: ThreadReply): never {
  throw new Error(`the ingestion thread failed: ${'error' in reply ? reply.error : 'unexpected reply'}`);
}

export interface DocumentFile {
  content: Uint8Array;
  filename?: string;
  mimeType?: string;
}

/**
 * Extracts, chunks and (offline) embeds a document in an ingestion thread, within INGEST_DOCUMENT_TIMEOUT and
 * INGEST_THREAD_MEMORY_MB. A document past either, or past its page or character limit, fails with a reason.
 * Pages without text and images are recognised (OCR) by this process's OCR workers, which every thread shares.
 * The thread's progress (pages read, pieces embedded offline) is passed on to `onProgress` as it comes.
 */
export async function prepareOffThread(
  config: Config,
  file: DocumentFile & { offlineEmbedder: OfflineEmbedder | null },
  options: { signal: AbortSignal; onProgress?: (progress: TaskProgress) => void },
): Promise<PreparedDocument> {
  const { signal, onProgress } = options;
  const content = ownCopy(file.content);
  const seconds = Math.round(config.ingest.documentTimeoutMs / 1000);
  const reply = await pools(config)
    .prepare.run(
      { kind: 'prepare', ...file, content, limits: limitsOf(config), chunkSize: config.chunkSize, chunkOverlap: config.chunkOverlap },
      {
        timeoutMs: config.ingest.documentTimeoutMs,
        signal,
        transfer: [content.buffer],
        onProgress,
        recognise: (image) => processOcrPool(config).recognise(image),
      },
    )
    .catch((error: unknown) => {
      if (stoppedFor(error, 'timeout')) {
        throw new ExtractionError(`Reading this document took longer than ${seconds} s (INGEST_DOCUMENT_TIMEOUT), so it was stopped. Split it into smaller files.`);
      }
      if (stoppedFor(error, 'memory')) {
        throw new ExtractionError(
          `Reading this document needed more than ${config.ingest.threadMemoryMb} MB of memory (INGEST_THREAD_MEMORY_MB), so it was stopped. Split it into smaller files.`,
        );
      }
      throw error;
    });
  if (reply.ok && reply.kind === 'prepare') return reply.document;
  if (!reply.ok && 'reason' in reply) throw new ExtractionError(reply.reason);
  return unexpected(reply);
}

/**
 * 413 for a file past MAX_DOCUMENT_PAGES or MAX_DOCUMENT_CHARS, found out before anything is stored: a PDF's page
 * count, a large text's length. The rest (a Word or HTML document's text) is measured when it is read.
 */
export async function checkDocumentLimits(config: Config, file: DocumentFile, format: DocumentFormat): Promise<void> {
  const plainText = format === 'text' || format === 'markdown';
  if (format !== 'pdf' && !(plainText && file.content.byteLength > config.ingest.maxDocumentChars)) return;
  const content = ownCopy(file.content);
  const reply = await pools(config)
    .inspect.run({ kind: 'inspect', ...file, content, limits: limitsOf(config) }, { timeoutMs: INSPECT_TIMEOUT_MS, transfer: [content.buffer] })
    .catch((error: unknown) => {
      if (stoppedFor(error, 'timeout') || stoppedFor(error, 'memory')) {
        throw new AppError('VALIDATION_ERROR', `${file.filename ?? 'This document'} could not be checked: it looks damaged or built to exhaust the server.`);
      }
      throw error;
    });
  if (reply.ok && reply.kind === 'inspect') {
    if (reply.problem) throw new AppError('PAYLOAD_TOO_LARGE', reply.problem);
    return;
  }
  // Unreadable: stored, and its processing fails with the reason.
  if (!reply.ok && 'reason' in reply) return;
  unexpected(reply);
}

/**
 * Vectors of `texts` by an offline embedder, computed in an ingestion thread (re-embedding existing chunks: the
 * sentence encoder takes ~0.1 s a passage, which must not hold the web server's event loop).
 */
export async function embedOffThread(config: Config, embedder: OfflineEmbedder, texts: string[], signal?: AbortSignal): Promise<Float64Array[]> {
  const reply = await pools(config).prepare.run({ kind: 'embed', offlineEmbedder: embedder, texts }, { timeoutMs: config.ingest.documentTimeoutMs, signal });
  if (!reply.ok || reply.kind !== 'embed') return unexpected(reply);
  const { embeddings, dimensions } = reply;
  return texts.map((_, i) => embeddings.subarray(i * dimensions, (i + 1) * dimensions));
}

/**
 * A fetched web page's article (Readability) and links, worked out in an ingestion thread: parsing a large page
 * holds a thread for seconds, which the web server's event loop must not spend.
 */
export async function readableOffThread(config: Config, page: { body: Uint8Array; charset: string | null; url: URL }, signal?: AbortSignal): Promise<ReadablePage> {
  const content = ownCopy(page.body);
  const reply = await pools(config)
    .prepare.run(
      { kind: 'readable', content, charset: page.charset, url: page.url.toString() },
      { timeoutMs: config.ingest.documentTimeoutMs, signal, transfer: [content.buffer] },
    )
    .catch((error: unknown) => {
      if (stoppedFor(error, 'timeout') || stoppedFor(error, 'memory')) {
        throw new AppError('VALIDATION_ERROR', 'This page could not be read: it looks damaged or built to exhaust the server.');
      }
      throw error;
    });
  if (reply.ok && reply.kind === 'readable') return reply.page;
  return unexpected(reply);
}
