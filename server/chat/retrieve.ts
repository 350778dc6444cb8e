import { hybridSearch } from '@/db/queries/hybrid-search';
import type { SearchFilters } from '@/db/queries/search-filters';
import type { UserCaller } from '@/server/auth/caller';
import { activeProviders } from '@/server/embedding/active-model';
import { readerFor } from '@/server/read-routing';
import { embedQuestion } from '@/server/embedding/embed-question';
import type { Providers } from '@/server/providers/registry';
import { AppError } from '@/server/errors';
import { describeModelError } from '@/server/providers/describe-error';
import { candidatesFor, rerankCandidates } from '@/server/retrieval/rerank';
import { vectorIndexSpec, type Services } from '@/server/services';
import type { ChatSource } from './types';

const SNIPPET_CHARS = 240;

function snippetOf(content: string): string {
  const flat = content.replace(/\s+/g, ' ').trim();
  return flat.length <= SNIPPET_CHARS ? flat : `${flat.slice(0, SNIPPET_CHARS).replace(/\s\S*$/, '')}…`;
}

async function searchWith(
  services: Pick<Services, 'db' | 'config' | 'cache'>,
  providers: Providers,
  caller: UserCaller,
  input: { question: string; vaultId: string | null; filters?: SearchFilters; topK: number; signal?: AbortSignal },
) {
  const { config } = services;
  const embedding = await embedQuestion({ ...services, providers }, input.question, input.signal).catch((error: unknown) => {
    if (input.signal?.aborted) throw error;
    throw new AppError('OPENAI_SERVICE_ERROR', describeModelError(error), null, { cause: error });
  });
  return hybridSearch(await readerFor(services, caller.userId), {
    spec: vectorIndexSpec(config, providers),
    embedding,
    text: input.question,
    k: candidatesFor(config, input.topK),
    userId: caller.userId,
    vaultId: input.vaultId,
    filters: input.filters,
  });
}

/**
 * The passages an answer may cite, from vaults the caller may read, numbered from 1 in order of relevance. A question the embedding model could
 * not embed (after its retries) is a 502 OPENAI_SERVICE_ERROR, like a chat model that cannot answer.
 */
export async function retrievePassages(
  services: Pick<Services, 'db' | 'providers' | 'config' | 'cache' | 'logger'>,
  caller: UserCaller,
  input: { question: string; vaultId: string | null; filters?: SearchFilters; topK: number; signal?: AbortSignal },
): Promise<ChatSource[]> {
  const { config } = services;
  // The library's model: the old one while a re-embed runs. Finding nothing may mean the library has just
  // switched (in another process): asked once more with the model read afresh.
  const providers = await activeProviders(services);
  let fused = await searchWith(services, providers, caller, input);
  if (fused.length === 0) {
    const current = await activeProviders(services, { refresh: true });
    if (current.embedding.model !== providers.embedding.model) fused = await searchWith(services, current, caller, input);
  }
  const chunks = await rerankCandidates(config.rerank, services.logger, {
    question: input.question,
    candidates: fused,
    topK: input.topK,
    signal: input.signal,
  });
  return chunks.map((chunk, i) => ({
    n: i + 1,
    chunkId: chunk.chunkId,
    documentId: chunk.documentId,
    ordinal: chunk.ordinal,
    pageStart: chunk.pageStart,
    pageEnd: chunk.pageEnd,
    title: chunk.title,
    snippet: snippetOf(chunk.content),
    content: chunk.content,
    score: Math.round(chunk.score * 10_000) / 10_000,
  }));
}
