import type { ChunkRow, ClaimedJob } from '@/db/queries/ingest-jobs';
import type { Services } from '@/server/services';
import { chunkText } from './chunker';
import { embedTexts } from '@/server/embedding/embed-texts';
import { databaseEmbeddingCache } from '@/server/embedding/embedding-cache';
import { ExtractionError, extractText } from './extract';

export interface ProcessedDocument {
  chunks: ChunkRow[];
  /** The title found in the file, used when the submitter gave none. */
  title: string | null;
  cacheHits: number;
  providerCalls: number;
}

// Share of the progress bar per stage: embedding is where the time goes.
const EXTRACTED = 10;
const CHUNKED = 15;
const EMBEDDED = 95;

/** Turns a job's original bytes into embedded chunks; writes nothing (the caller commits the result). */
export async function processJob(
  services: Pick<Services, 'db' | 'providers' | 'config'>,
  job: ClaimedJob,
  options: { signal: AbortSignal; onProgress: (percent: number) => void },
): Promise<ProcessedDocument> {
  const { config } = services;
  const extracted = await extractText(job.content, {
    filename: job.filename ?? undefined,
    mimeType: job.mimeType ?? undefined,
  });
  options.onProgress(EXTRACTED);

  const pieces = chunkText(extracted.text, { chunkSize: config.chunkSize, chunkOverlap: config.chunkOverlap });
  if (pieces.length === 0) throw new ExtractionError('The document contains no text to index.');
  options.onProgress(CHUNKED);

  const embedded = await embedTexts(
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
    chunks: pieces.map((piece, i) => ({
      ordinal: piece.ordinal,
      content: piece.content,
      tokenCount: piece.tokenCount,
      embedding: embedded.embeddings[i]!,
    })),
    title: job.title ?? extracted.title,
    cacheHits: embedded.cacheHits,
    providerCalls: embedded.providerCalls,
  };
}
