import { embedOffThread } from './off-thread';
import { offlineEmbedderOf, type Providers } from '@/server/providers/registry';
import type { Services } from '@/server/services';
import { embedTexts } from '@/server/embedding/embed-texts';
import { databaseEmbeddingCache } from '@/server/embedding/embedding-cache';

/**
 * Vectors of passages with `providers`' model: an offline embedder in an ingestion thread (never on this event
 * loop), a model server through the embedding cache. Used by re-embedding and by a person's edit of a chunk.
 */
export async function embedPassages(
  services: Pick<Services, 'db' | 'config'>,
  providers: Providers,
  texts: string[],
  signal?: AbortSignal,
): Promise<ArrayLike<number>[]> {
  const offline = offlineEmbedderOf(providers.embedding);
  if (offline) return embedOffThread(services.config, offline, texts, signal);
  const { config } = services;
  const { embeddings } = await embedTexts(texts, {
    cache: databaseEmbeddingCache(services.db),
    providers,
    batchSize: config.ingest.embedBatchSize,
    concurrency: config.ingest.embedConcurrency,
    maxRetries: config.llmMaxRetries,
    timeoutMs: config.llmTimeoutMs,
    prices: config.modelPrices,
    signal,
  });
  return embeddings;
}
