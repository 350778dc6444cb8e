import type { Database } from '@/db/client';
import { getCachedEmbeddings, putCachedEmbeddings } from '@/db/queries/embedding-cache';
import type { CacheStore } from '@/server/cache/store';

/** Vectors already computed, by model and sha256 of the text. */
export interface EmbeddingCache {
  get(model: string, textHashes: string[]): Promise<Map<string, number[]>>;
  put(model: string, entries: Array<{ textHash: string; embedding: number[] }>): Promise<void>;
}

/**
 * Document chunks: in Postgres, durable and shared, so a re-ingested or resumed document pays only for the
 * chunks never embedded before.
 */
export function databaseEmbeddingCache(db: Database): EmbeddingCache {
  return {
    get: (model, textHashes) => getCachedEmbeddings(db, model, textHashes),
    put: (model, entries) => putCachedEmbeddings(db, model, entries),
  };
}

// A question asked again within the hour (retried, regenerated, asked by a colleague) skips the model call.
const QUESTION_TTL_SECONDS = 3600;

const key = (model: string, textHash: string) => `embedding:${model}:${textHash}`;

/** Float32 bytes in base64: a third of the JSON's size, and the same in memory and in Redis. */
function encode(embedding: number[]): string {
  return Buffer.from(Float32Array.from(embedding).buffer).toString('base64');
}

function decode(stored: string): number[] {
  const bytes = Buffer.from(stored, 'base64');
  return Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4));
}

/**
 * Questions: in the response/session cache store (memory, or Redis when shared). Writing a 20 KB vector to
 * Postgres and reading it back cost two round trips on every question, while few questions recur word for word.
 */
export function storeEmbeddingCache(store: CacheStore): EmbeddingCache {
  return {
    async get(model, textHashes) {
      const found = new Map<string, number[]>();
      for (const textHash of new Set(textHashes)) {
        const stored = await store.get<string>(key(model, textHash));
        if (stored) found.set(textHash, decode(stored));
      }
      return found;
    },
    async put(model, entries) {
      for (const { textHash, embedding } of entries) await store.set(key(model, textHash), encode(embedding), QUESTION_TTL_SECONDS);
    },
  };
}
