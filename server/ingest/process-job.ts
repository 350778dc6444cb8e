import type { ChunkRow, ClaimedJob } from '@/db/queries/ingest-jobs';
import type { Services } from '@/server/services';
import { embedTexts } from '@/server/embedding/embed-texts';
import { databaseEmbeddingCache } from '@/server/embedding/embedding-cache';
import { offlineEmbedderOf } from '@/server/providers/registry';
import { effectiveChunking } from '@/server/documents/chunk-settings';
import { prepareOffThread } from './off-thread';
import type { PreparedDocument, TaskProgress } from './thread/tasks';

export interface ProcessedDocument {
  chunks: ChunkRow[];
  /** The title found in the file, used when the submitter gave none. */
  title: string | null;
  /** Pages (or slides) the document has, as read; null for formats without pages. */
  pageCount: number | null;
  /** Pages whose text was recognised from a picture of them (OCR); empty when none. */
  ocrPages: number[];
  cacheHits: number;
  providerCalls: number;
}

// Share of the progress bar per stage: reading a long PDF page by page takes as long as embedding it offline.
const CHUNKED = 40;
const EMBEDDED = 95;

/** Percent done for the thread's progress: reading fills the bar up to CHUNKED, offline embedding the rest. */
function percentOf({ stage, done, total }: TaskProgress): number {
  const fraction = total > 0 ? done / total : 1;
  return stage === 'read' ? CHUNKED * fraction : CHUNKED + (EMBEDDED - CHUNKED) * fraction;
}

/**
 * The offline vectors the thread computed, one view per piece into the buffer it handed over: no copy (turning
 * 8,000 vectors into arrays held the event loop for half a second).
 */
function vectorsOf(prepared: PreparedDocument): Float64Array[] | null {
  const { embeddings, dimensions, pieces } = prepared;
  if (!embeddings) return null;
  return pieces.map((_, i) => embeddings.subarray(i * dimensions, (i + 1) * dimensions));
}

/**
 * Turns a job's original bytes into embedded chunks; writes nothing (the caller commits the result). Reading,
 * chunking and the offline embedder run in an ingestion thread (server/ingest/off-thread.ts), never on this
 * process's event loop; a model's embeddings are fetched here, through the embedding cache.
 */
export async function processJob(
  services: Pick<Services, 'db' | 'providers' | 'config'>,
  job: ClaimedJob,
  options: { signal: AbortSignal; onProgress: (percent: number) => void },
): Promise<ProcessedDocument> {
  const { config } = services;
  const prepared = await prepareOffThread(
    // The document's vault may chunk differently from the configuration.
    { ...config, ...effectiveChunking(config, job) },
    {
      content: job.content,
      filename: job.filename ?? undefined,
      mimeType: job.mimeType ?? undefined,
      offlineEmbedder: offlineEmbedderOf(services.providers.embedding),
    },
    { signal: options.signal, onProgress: (progress) => options.onProgress(percentOf(progress)) },
  );
  const { pieces } = prepared;
  const offline = vectorsOf(prepared);
  // The thread has reported its own stages; a model's embedding starts where reading ended.
  options.onProgress(offline ? EMBEDDED : CHUNKED);
  const embedded = offline ? { embeddings: offline, cacheHits: 0, providerCalls: 0 } : await embedTexts(
    pieces.map((p) => p.content),
    {
      cache: databaseEmbeddingCache(services.db),
      providers: services.providers,
      batchSize: config.ingest.embedBatchSize,
      concurrency: config.ingest.embedConcurrency,
      maxRetries: config.llmMaxRetries,
      timeoutMs: config.llmTimeoutMs,
      prices: config.modelPrices,
      signal: options.signal,
      onProgress: (done, total) => options.onProgress(CHUNKED + ((EMBEDDED - CHUNKED) * done) / total),
    },
  );
  return {
    chunks: pieces.map((piece, i) => ({ ...piece, embedding: embedded.embeddings[i]! })),
    title: job.title ?? prepared.title,
    pageCount: prepared.pageCount,
    ocrPages: prepared.ocrPages,
    cacheHits: embedded.cacheHits,
    providerCalls: embedded.providerCalls,
  };
}
