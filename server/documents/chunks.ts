import { chunkAccess, EmbeddingModelChanged, replaceChunkText, setChunkExcluded, type ChunkChange } from '@/db/queries/chunk-edits';
import type { UserCaller } from '@/server/auth/caller';
import { activeEmbedding } from '@/server/embedding/active-model';
import { embedPassages } from '@/server/ingest/embed-passages';
import { AppError } from '@/server/errors';
import type { Services } from '@/server/services';
import { countTokens } from '@/server/util/tokens';

type Deps = Pick<Services, 'db' | 'config' | 'providers'>;

function settle(change: ChunkChange, chunkId: string): { chunkId: string } {
  if (change === 'forbidden') throw new AppError('FORBIDDEN', 'You can read this vault but not change its documents.');
  if (change === 'not-found') throw new AppError('NOT_FOUND', `Chunk ${chunkId} does not exist.`);
  return { chunkId };
}

/**
 * A person's new text for a chunk: embedded with the library's model and stored with it at once, so the next
 * question finds the new words and not the old. Tried once more when a re-embed switched the model meanwhile.
 */
export async function editChunk(deps: Deps, caller: UserCaller, chunkId: string, text: string): Promise<{ chunkId: string; tokenCount: number }> {
  // Checked before embedding too: nobody makes the server embed text for a chunk they may not change.
  const access = await chunkAccess(deps.db, caller.userId, chunkId);
  settle(access === 'write' ? 'changed' : access === 'read' ? 'forbidden' : 'not-found', chunkId);
  const content = text.trim();
  const tokenCount = countTokens(content);
  for (let attempt = 0; ; attempt++) {
    const { providers } = await activeEmbedding(deps, { refresh: attempt > 0 });
    const [embedding] = await embedPassages(deps, providers, [content]);
    try {
      settle(await replaceChunkText(deps.db, caller.userId, chunkId, { content, tokenCount, embedding: embedding!, embeddingModel: providers.embedding.model }), chunkId);
      return { chunkId, tokenCount };
    } catch (error) {
      if (!(error instanceof EmbeddingModelChanged) || attempt > 0) throw error;
    }
  }
}

/** Leaves a chunk out of search, or lets it back in. */
export async function excludeChunk(deps: Pick<Services, 'db'>, caller: UserCaller, chunkId: string, excluded: boolean): Promise<{ chunkId: string; excluded: boolean }> {
  settle(await setChunkExcluded(deps.db, caller.userId, chunkId, excluded), chunkId);
  return { chunkId, excluded };
}
