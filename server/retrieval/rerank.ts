import { rerank } from 'ai';
import type { RetrievedChunk } from '@/db/queries/hybrid-search';
import type { Config } from '@/server/config';
import type { Logger } from '@/server/logger';
import { metrics } from '@/server/metrics/registry';
import { createRerankingModel } from '@/server/providers/rerank-model';

type RerankConfig = NonNullable<Config['rerank']>;

/** How many fused candidates to fetch for a question asking for `topK`: the reranker's pool, or just top_k. */
export function candidatesFor(config: Config, topK: number): number {
  return config.rerank ? Math.max(topK, config.rerank.topN) : topK;
}

function fallbackReason(error: unknown, timedOut: boolean): 'timeout' | 'aborted' | 'status' | 'malformed' | 'network' {
  if (timedOut) return 'timeout';
  if (error instanceof Error && error.name === 'AbortError') return 'aborted';
  const message = error instanceof Error ? error.message : '';
  if (/malformed|out of range/.test(message)) return 'malformed';
  return /status \d+/.test(message) ? 'status' : 'network';
}

/**
 * The fused candidates reordered by the reranker and cut to `topK`. A reranker that fails, answers badly or
 * takes longer than RERANK_TIMEOUT costs nothing but its wait: the fused order is kept (logged, and counted in
 * docent_rerank_fallbacks_total), never an error for the person asking.
 */
export async function rerankCandidates(
  rerankConfig: RerankConfig | null,
  logger: Logger,
  input: { question: string; candidates: RetrievedChunk[]; topK: number; signal?: AbortSignal },
): Promise<RetrievedChunk[]> {
  const { candidates, topK } = input;
  if (!rerankConfig || candidates.length <= 1) return candidates.slice(0, topK);
  const timeout = AbortSignal.timeout(rerankConfig.timeoutMs);
  const signal = input.signal ? AbortSignal.any([input.signal, timeout]) : timeout;
  try {
    const { ranking } = await rerank({
      model: createRerankingModel(rerankConfig),
      query: input.question,
      documents: candidates.map((c) => c.content),
      topN: topK,
      maxRetries: 0,
      abortSignal: signal,
    });
    const chosen = ranking.slice(0, topK).map((r) => candidates[r.originalIndex]!);
    // A reranker answering fewer results than asked for still leaves top_k passages: the fused order fills in.
    const seen = new Set(chosen.map((c) => c.chunkId));
    for (const c of candidates) if (chosen.length < topK && !seen.has(c.chunkId)) chosen.push(c);
    return chosen;
  } catch (error) {
    if (input.signal?.aborted) throw error;
    const reason = fallbackReason(error, timeout.aborted);
    metrics().rerankFallbacks.inc({ reason });
    logger.warn({ err: error, reason, model: rerankConfig.model }, 'rerank failed: keeping the fused order');
    return candidates.slice(0, topK);
  }
}
