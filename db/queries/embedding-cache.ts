import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../client';
import { embeddingCache } from '../schema';

// Keeps each statement well under Postgres's 65,535 bind parameters.
const LOOKUP_BATCH = 5_000;
const INSERT_BATCH = 500;

/** Cached vectors for `model`, by text hash; hashes not in the cache are simply absent from the map. */
export async function getCachedEmbeddings(
  db: Database,
  model: string,
  textHashes: string[],
): Promise<Map<string, number[]>> {
  const found = new Map<string, number[]>();
  const unique = [...new Set(textHashes)];
  for (let i = 0; i < unique.length; i += LOOKUP_BATCH) {
    const rows = await db.orm
      .select({ textHash: embeddingCache.textHash, embedding: embeddingCache.embedding })
      .from(embeddingCache)
      .where(and(eq(embeddingCache.model, model), inArray(embeddingCache.textHash, unique.slice(i, i + LOOKUP_BATCH))));
    for (const row of rows) found.set(row.textHash, row.embedding);
  }
  return found;
}

export async function putCachedEmbeddings(
  db: Database,
  model: string,
  entries: Array<{ textHash: string; embedding: number[] }>,
): Promise<void> {
  for (let i = 0; i < entries.length; i += INSERT_BATCH) {
    await db.orm
      .insert(embeddingCache)
      .values(entries.slice(i, i + INSERT_BATCH).map((e) => ({ model, textHash: e.textHash, embedding: e.embedding })))
      .onConflictDoNothing();
  }
}
