import { createHash } from 'node:crypto';
import { embedMany } from 'ai';
import type { Config } from '@/server/config';
import { recordRetry, recordTokens } from '@/server/metrics/llm';
import { metrics } from '@/server/metrics/registry';
import type { Providers } from '@/server/providers/registry';
import { withRetries } from '@/server/providers/with-retries';
import { mapConcurrent } from '@/server/util/map-concurrent';
import type { EmbeddingCache } from './embedding-cache';

export interface EmbedTextsOptions {
  /** Where vectors already computed are found and new ones kept. */
  cache: EmbeddingCache;
  providers: Providers;
  batchSize: number;
  concurrency: number;
  maxRetries: number;
  timeoutMs: number;
  /** For the cost estimate. */
  prices: Config['modelPrices'];
  signal?: AbortSignal;
  /** Called after each batch with the number of texts embedded so far (cached ones count at once). */
  onProgress?: (done: number, total: number) => void;
}

export interface EmbedTextsResult {
  embeddings: number[][];
  cacheHits: number;
  providerCalls: number;
}

function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Embeds texts through the embedding cache (model + sha256 of the text): only texts never embedded by this
 * model reach the provider, in batches, a few batches at a time. Each batch is cached as soon as it returns,
 * so a job resumed after a crash pays only for the batches it had not finished.
 */
export async function embedTexts(texts: string[], options: EmbedTextsOptions): Promise<EmbedTextsResult> {
  const model = options.providers.embedding.model;
  // The offline embedder computes a vector faster than the cache could fetch one: caching it is pure overhead.
  const cached = options.providers.embedding.provider !== 'offline';
  const hashes = texts.map(hashText);
  const known = cached ? await options.cache.get(model, hashes) : new Map<string, number[]>();
  const cacheHits = hashes.filter((h) => known.has(h)).length;
  if (cached) {
    metrics().cacheRequests.inc({ cache: 'embedding', result: 'hit' }, cacheHits);
    metrics().cacheRequests.inc({ cache: 'embedding', result: 'miss' }, hashes.length - cacheHits);
  }

  const missing = new Map<string, string>();
  hashes.forEach((hash, i) => {
    if (!known.has(hash)) missing.set(hash, texts[i]!);
  });
  const pending = [...missing.entries()];
  const batches: Array<Array<[string, string]>> = [];
  for (let i = 0; i < pending.length; i += options.batchSize) batches.push(pending.slice(i, i + options.batchSize));

  let done = texts.length - pending.length;
  options.onProgress?.(done, texts.length);
  await mapConcurrent(batches, options.concurrency, async (batch) => {
    const started = performance.now();
    const { embeddings, usage } = await withRetries(
      (signal) =>
        embedMany({
          model: options.providers.embeddingModel,
          values: batch.map(([, text]) => text),
          providerOptions: options.providers.embeddingOptions,
          maxRetries: 0,
          abortSignal: signal,
        }),
      {
        maxRetries: options.maxRetries,
        timeoutMs: options.timeoutMs,
        signal: options.signal,
        onRetry: ({ error }) => recordRetry('embedding', error),
      },
    ).catch((error: unknown) => {
      metrics().llmDuration.observe({ operation: 'embedding', model, outcome: 'failed' }, (performance.now() - started) / 1000);
      throw error;
    });
    metrics().llmDuration.observe({ operation: 'embedding', model, outcome: 'complete' }, (performance.now() - started) / 1000);
    recordTokens(options.prices, model, { inputTokens: usage.tokens });
    const entries = batch.map(([textHash], i) => ({ textHash, embedding: embeddings[i]! }));
    if (cached) await options.cache.put(model, entries);
    for (const entry of entries) known.set(entry.textHash, entry.embedding);
    done += batch.length;
    options.onProgress?.(done, texts.length);
  });

  return { embeddings: hashes.map((h) => known.get(h)!), cacheHits, providerCalls: batches.length };
}
