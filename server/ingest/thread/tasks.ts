import type { OfflineEmbedder } from '@/server/config';
import { embedTextOffline, OFFLINE_EMBEDDING_DIMENSIONS } from '@/server/providers/offline-embedder';
import { embedTextsUse, USE_EMBEDDING_DIMENSIONS } from '@/server/providers/use-embedder';
import {
  countPdfPages,
  decodeText,
  detectFormat,
  ExtractionError,
  tooManyChars,
  tooManyPages,
  type DocumentLimits,
  type ExtractionHooks,
} from '../extract';
import { chunkFile, type ChunkPiece } from './chunk-file';
import { readablePage, type ReadablePage } from '@/server/web/readable-page';

/**
 * The work an ingestion thread does (server/ingest/thread/ingest-thread.ts): everything that costs CPU in
 * proportion to a document's size, which must never run on the web server's event loop. Plain data in and out.
 */

interface FileTask {
  content: Uint8Array;
  filename?: string;
  mimeType?: string;
  limits: DocumentLimits;
}

/** Extract, chunk and, for the offline embedder (pure computation), embed. */
interface PrepareTask extends FileTask {
  kind: 'prepare';
  chunkSize: number;
  chunkOverlap: number;
  /** The offline embedder to run here (pure computation), or null when a model server embeds. */
  offlineEmbedder: OfflineEmbedder | null;
}

/** Vectors of texts by an offline embedder (re-embedding existing chunks). */
interface EmbedTask {
  kind: 'embed';
  offlineEmbedder: OfflineEmbedder;
  texts: string[];
}

/** What can be known cheaply before a document is stored: is it past the page or character limit? */
interface InspectTask extends FileTask {
  kind: 'inspect';
}

/** A fetched web page's article and links (server/web/): parsing a 10 MiB page takes seconds. */
interface ReadableTask {
  kind: 'readable';
  content: Uint8Array;
  charset: string | null;
  url: string;
}

export type ThreadTask = PrepareTask | InspectTask | EmbedTask | ReadableTask;

export interface PreparedDocument {
  title: string | null;
  pieces: ChunkPiece[];
  /** With an offline embedder: every piece's vector, one after another (transferred, not copied, back to the caller). */
  embeddings: Float64Array<ArrayBuffer> | null;
  dimensions: number;
  /** Pages (or slides) the document has; null for formats without pages. */
  pageCount: number | null;
  /** Pages whose text was recognised from a picture of them (OCR). */
  ocrPages: number[];
}

/** How far a prepare task has come: pages read (`read`), then, with an offline embedder, pieces embedded (`embed`). */
export interface TaskProgress {
  stage: 'read' | 'embed';
  done: number;
  total: number;
}

type ReportProgress = (progress: TaskProgress) => void;

// Offline embedding reports after every this many pieces: often enough for a moving bar, rarely enough to cost nothing.
const EMBED_PROGRESS_EVERY = 64;

export type ThreadReply =
  | { ok: true; kind: 'prepare'; document: PreparedDocument }
  | { ok: true; kind: 'inspect'; problem: string | null }
  | { ok: true; kind: 'embed'; embeddings: Float64Array<ArrayBuffer>; dimensions: number }
  | { ok: true; kind: 'readable'; page: ReadablePage }
  /** The document cannot be read, for a reason its uploader can act on. */
  | { ok: false; reason: string }
  /** Anything else (a bug): retried like any failure. */
  | { ok: false; error: string };

/**
 * What a thread sends its pool while a task runs, before the reply: how far it has come, and images whose text the
 * pool's OCR workers should recognise (answered with an OcrAnswer).
 */
export type ThreadEvent = { event: 'progress'; progress: TaskProgress } | { event: 'recognise'; id: number; image: Uint8Array };

export type OcrAnswer = { ocrAnswer: number; text: string; confidence: number } | { ocrAnswer: number; error: string };

/** What a task may call on in its thread: text recognition (OCR) through the pool, and progress reports. */
interface TaskHooks {
  recognise?: ExtractionHooks['recognise'];
  report?: ReportProgress;
}

async function prepare(task: PrepareTask, { recognise, report = () => {} }: TaskHooks): Promise<PreparedDocument> {
  const { title, pieces, pageCount, ocrPages } = await chunkFile(task, {
    recognise,
    onProgress: (done, total) => report({ stage: 'read', done, total }),
  });
  const embedded = task.offlineEmbedder
    ? await embedOffline(task.offlineEmbedder, pieces.map((p) => p.content), (done, total) => report({ stage: 'embed', done, total }))
    : null;
  return { title, pieces, pageCount, ocrPages, embeddings: embedded?.embeddings ?? null, dimensions: embedded?.dimensions ?? 0 };
}

/** The texts' vectors one after another in one buffer, which the reply transfers instead of copying. */
async function embedOffline(
  embedder: OfflineEmbedder,
  texts: string[],
  onProgress?: (done: number, total: number) => void,
): Promise<{ embeddings: Float64Array<ArrayBuffer>; dimensions: number }> {
  const dimensions = embedder === 'use' ? USE_EMBEDDING_DIMENSIONS : OFFLINE_EMBEDDING_DIMENSIONS;
  const embeddings = new Float64Array(texts.length * dimensions);
  for (let from = 0; from < texts.length; from += EMBED_PROGRESS_EVERY) {
    const slice = texts.slice(from, from + EMBED_PROGRESS_EVERY);
    if (embedder === 'use') (await embedTextsUse(slice)).forEach((vector, i) => embeddings.set(vector, (from + i) * dimensions));
    else slice.forEach((text, i) => embeddings.set(embedTextOffline(text), (from + i) * dimensions));
    onProgress?.(from + slice.length, texts.length);
  }
  return { embeddings, dimensions };
}

async function inspect(task: InspectTask): Promise<string | null> {
  const { content, limits } = task;
  const format = detectFormat(content, task.filename, task.mimeType);
  if (format === 'pdf') {
    const pages = await countPdfPages(content);
    return pages !== null && pages > limits.maxPages ? tooManyPages(pages, limits) : null;
  }
  // Text has at most as many characters as bytes, so only a large file needs decoding. HTML and Word documents
  // are measured once extracted: their markup is not text.
  if ((format === 'text' || format === 'markdown') && content.byteLength > limits.maxChars) {
    const chars = decodeText(content).length;
    return chars > limits.maxChars ? tooManyChars(limits, chars) : null;
  }
  return null;
}

export async function runTask(task: ThreadTask, hooks: TaskHooks = {}): Promise<ThreadReply> {
  try {
    if (task.kind === 'inspect') return { ok: true, kind: 'inspect', problem: await inspect(task) };
    if (task.kind === 'readable') return { ok: true, kind: 'readable', page: readablePage(task.content, task.charset, new URL(task.url)) };
    if (task.kind === 'embed') return { ok: true, kind: 'embed', ...(await embedOffline(task.offlineEmbedder, task.texts)) };
    return { ok: true, kind: 'prepare', document: await prepare(task, hooks) };
  } catch (error) {
    if (error instanceof ExtractionError) return { ok: false, reason: error.reason };
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
