import type { Services } from '@/server/services';
import { embedTexts } from './embed-texts';
import { storeEmbeddingCache } from './embedding-cache';

/**
 * The vector of a question, through the question cache (memory or Redis): a question asked again within the
 * hour (retried, regenerated, asked by a colleague) skips the model call.
 */
export async function embedQuestion(
  services: Pick<Services, 'providers' | 'config' | 'cache'>,
  question: string,
  signal?: AbortSignal,
): Promise<number[]> {
  const { config } = services;
  const { embeddings } = await embedTexts([question], {
    cache: storeEmbeddingCache(services.cache),
    providers: services.providers,
    batchSize: 1,
    concurrency: 1,
    maxRetries: config.llmMaxRetries,
    timeoutMs: config.llmTimeoutMs,
    prices: config.modelPrices,
    signal,
  });
  return embeddings[0]!;
}
