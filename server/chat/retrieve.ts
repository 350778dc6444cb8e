import { hybridSearch } from '@/db/queries/hybrid-search';
import type { UserCaller } from '@/server/auth/caller';
import { readerFor } from '@/server/read-routing';
import { embedQuestion } from '@/server/embedding/embed-question';
import { AppError } from '@/server/errors';
import { describeModelError } from '@/server/providers/describe-error';
import { vectorIndexSpec, type Services } from '@/server/services';
import type { ChatSource } from './types';

const SNIPPET_CHARS = 240;

function snippetOf(content: string): string {
  const flat = content.replace(/\s+/g, ' ').trim();
  return flat.length <= SNIPPET_CHARS ? flat : `${flat.slice(0, SNIPPET_CHARS).replace(/\s\S*$/, '')}…`;
}

/**
 * The passages an answer may cite, from vaults the caller may read, numbered from 1 in order of relevance. A question the embedding model could
 * not embed (after its retries) is a 502 OPENAI_SERVICE_ERROR, like a chat model that cannot answer.
 */
export async function retrievePassages(
  services: Pick<Services, 'db' | 'providers' | 'config' | 'cache'>,
  caller: UserCaller,
  input: { question: string; vaultId: string | null; topK: number; signal?: AbortSignal },
): Promise<ChatSource[]> {
  const { config, providers } = services;
  const embedding = await embedQuestion(services, input.question, input.signal).catch((error: unknown) => {
    if (input.signal?.aborted) throw error;
    throw new AppError('OPENAI_SERVICE_ERROR', describeModelError(error), null, { cause: error });
  });
  const chunks = await hybridSearch(await readerFor(services, caller.userId), {
    spec: vectorIndexSpec(config, providers),
    embedding,
    text: input.question,
    k: input.topK,
    userId: caller.userId,
    vaultId: input.vaultId,
  });
  return chunks.map((chunk, i) => ({
    n: i + 1,
    chunkId: chunk.chunkId,
    documentId: chunk.documentId,
    title: chunk.title,
    snippet: snippetOf(chunk.content),
    content: chunk.content,
    score: Math.round(chunk.score * 10_000) / 10_000,
  }));
}
