import { createHash } from 'node:crypto';
import type { CacheStore } from '@/server/cache/store';
import type { HistoryMessage } from './history';
import type { ChatSource } from './types';

export interface CachedAnswer {
  text: string;
  sources: ChatSource[];
  model: string;
}

export interface AnswerKey {
  /** Who asks: the passages an answer is built from depend on what they may read. */
  userId: string;
  question: string;
  vaultId: string | null;
  /** A search narrowed to tags or types finds other passages. */
  filters: { tags?: string[]; types?: string[] } | null;
  instructions: string | null;
  topK: number;
  temperature: number;
  chatModel: string;
  embeddingModel: string;
  /** Bumped whenever searchable content changes: old answers then simply stop matching. */
  corpusVersion: number;
  /** Follow-up questions mean something else in another conversation. */
  history: HistoryMessage[];
}

/** Everything an answer depends on, hashed: the same ask against the same corpus gets the same key. */
export function answerCacheKey(key: AnswerKey): string {
  const normalised = { ...key, question: key.question.replace(/\s+/g, ' ').trim() };
  return `answer:${createHash('sha256').update(JSON.stringify(normalised)).digest('hex')}`;
}

export function getCachedAnswer(store: CacheStore, key: string): Promise<CachedAnswer | undefined> {
  return store.get<CachedAnswer>(key);
}

export async function cacheAnswer(store: CacheStore, key: string, answer: CachedAnswer, ttlSeconds: number): Promise<void> {
  if (ttlSeconds > 0) await store.set(key, answer, ttlSeconds);
}
