import { eq, sql } from 'drizzle-orm';
import type { Database, Orm } from '../client';
import { embeddingState } from '../schema';
import { readableVaults, writableVaults } from './access';
import { bumpCorpusVersion } from './corpus-version';

/**
 * People changing a document's chunks: new text (with its new vector), or leaving a chunk out of search. Both check
 * inside SQL that the person may write the chunk's vault, and say apart a chunk they may only read (forbidden)
 * from one they may not see at all (not found).
 */

export type ChunkChange = 'changed' | 'forbidden' | 'not-found';

interface LockedChunk {
  id: string;
  writable: boolean;
}

/** The chunk if `userId` may read it, locked until the transaction ends, with whether they may change it. */
async function lockReadableChunk(db: Database, orm: Orm, userId: string, chunkId: string): Promise<LockedChunk | null> {
  const [row] = await db.rows<{ id: string; writable: boolean }>(
    sql`SELECT c.id, c.vault_id IN ${writableVaults(userId)} AS writable
        FROM chunks c WHERE c.id = ${chunkId} AND c.vault_id IN ${readableVaults(userId)}
        FOR UPDATE OF c`,
    orm,
  );
  return row ? { id: row.id, writable: Boolean(row.writable) } : null;
}

/** Whether `userId` may change the chunk (`write`), only read it (`read`), or not see it at all (null). */
export async function chunkAccess(db: Database, userId: string, chunkId: string): Promise<'write' | 'read' | null> {
  const [row] = await db.rows<{ writable: boolean }>(
    sql`SELECT c.vault_id IN ${writableVaults(userId)} AS writable
        FROM chunks c WHERE c.id = ${chunkId} AND c.vault_id IN ${readableVaults(userId)}`,
  );
  return row ? (row.writable ? 'write' : 'read') : null;
}

export interface ChunkText {
  content: string;
  tokenCount: number;
  embedding: ArrayLike<number>;
  /** The model `embedding` is of: refused (thrown) when the library has switched to another meanwhile. */
  embeddingModel: string;
}

/**
 * Replaces a chunk's text and vector, marking it edited. Deleted and inserted again under the same id rather than
 * updated: the statement triggers that keep BM25's statistics (migration 0004) then take out the old words and
 * count the new ones, and the chunk's vector of a running re-embed goes with the old row (cascade), so the
 * re-embed computes it again from the new text instead of swapping in one of the old. Its offsets into the
 * extracted text no longer hold, so they are cleared (the viewer then shows the chunk whole).
 */
export function replaceChunkText(db: Database, userId: string, chunkId: string, text: ChunkText): Promise<ChunkChange> {
  return db.orm.transaction(async (tx) => {
    const orm = tx as unknown as Orm;
    // Shares the row a re-embed's switch locks, as completeJob does: a vector of a model the searches just left
    // would never be found.
    const [state] = await orm.select({ model: embeddingState.activeModel }).from(embeddingState).where(eq(embeddingState.id, 1)).for('share');
    if (state && state.model !== text.embeddingModel) throw new EmbeddingModelChanged(state.model);
    const chunk = await lockReadableChunk(db, orm, userId, chunkId);
    if (!chunk) return 'not-found';
    if (!chunk.writable) return 'forbidden';
    const [old] = await db.rows<Record<string, unknown>>(sql`DELETE FROM chunks WHERE id = ${chunkId} RETURNING *`, orm);
    await orm.execute(
      sql`INSERT INTO chunks (id, document_id, vault_id, ordinal, content, token_count, embedding, embedding_model,
                              page_start, page_end, char_start, char_end, excluded, edited_at)
          VALUES (${chunkId}, ${old!.document_id}, ${old!.vault_id}, ${old!.ordinal}, ${text.content}, ${text.tokenCount},
                  ${`[${Array.from(text.embedding).join(',')}]`}::vector, ${text.embeddingModel},
                  ${old!.page_start}, ${old!.page_end}, NULL, NULL, ${old!.excluded}, now())`,
    );
    await bumpCorpusVersion(orm);
    return 'changed';
  });
}

/** Thrown by replaceChunkText when a re-embed switched the library's model after the text was embedded. */
export class EmbeddingModelChanged extends Error {
  constructor(readonly model: string) {
    super(`The library's embedding model changed to ${model}.`);
  }
}

/** Leaves the chunk out of every search (or lets it back in); cached answers built with or without it expire. */
export function setChunkExcluded(db: Database, userId: string, chunkId: string, excluded: boolean): Promise<ChunkChange> {
  return db.orm.transaction(async (tx) => {
    const orm = tx as unknown as Orm;
    const chunk = await lockReadableChunk(db, orm, userId, chunkId);
    if (!chunk) return 'not-found';
    if (!chunk.writable) return 'forbidden';
    await orm.execute(sql`UPDATE chunks SET excluded = ${excluded} WHERE id = ${chunkId}`);
    await bumpCorpusVersion(orm);
    return 'changed';
  });
}
