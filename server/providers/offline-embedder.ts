import type { EmbeddingModelV3 } from '@ai-sdk/provider';
import { countWords, forEachWord, stem } from './text-features';

export const OFFLINE_EMBEDDING_MODEL_ID = 'docent-hash-v1';
export const OFFLINE_EMBEDDING_DIMENSIONS = 768;

// Feature tiers: exact terms carry the meaning; surface forms and bigrams
// reward exact phrasing; character trigrams only add typo/morphology tolerance.
const TERM_WEIGHT = 1;
const PHRASE_WEIGHT = 0.5;
const TRIGRAM_WEIGHT = 0.25;

// Distinct seeds keep a word and an identical-looking trigram or bigram from
// landing in the same bucket by construction.
const TERM_SEED = 0x811c9dc5;
const SURFACE_SEED = 0x1b873593;
const TRIGRAM_SEED = 0x5bd1e995;
const SPACE = 32;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

// FNV-1a over UTF-16 code units, finalised with murmur3's mixer so the low bits
// used for bucketing are well distributed even for short strings.
function hashString(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix(h);
}

// Trigram of " word " starting at `start` (may be -1), hashed in place to avoid substring allocations.
function hashTrigram(word: string, start: number): number {
  let h = TRIGRAM_SEED;
  for (let i = start; i < start + 3; i++) {
    const c = i < 0 || i >= word.length ? SPACE : word.charCodeAt(i);
    h = Math.imul(h ^ c, 0x01000193);
  }
  return fmix(h);
}

// Scratch state reused across calls: embedding is synchronous, so no call can interleave.
const terms = new Map<number, number>();
const phrases = new Map<number, number>();
const trigrams = new Map<number, number>();
const scratch = new Float64Array(OFFLINE_EMBEDDING_DIMENSIONS);

function count(map: Map<number, number>, h: number): void {
  map.set(h, (map.get(h) ?? 0) + 1);
}

function addFeatures(map: Map<number, number>, weight: number): void {
  // Sublinear tf per feature, then signed feature hashing: the sign bit makes
  // colliding features cancel in expectation instead of inflating similarity.
  map.forEach((tf, h) => {
    scratch[(h >>> 1) % OFFLINE_EMBEDDING_DIMENSIONS]! += (h & 1 ? weight : -weight) * (1 + Math.log(tf));
  });
  map.clear();
}

/** Deterministic, L2-normalised feature-hashing embedding of `text`. */
export function embedTextOffline(text: string): number[] {
  let previousStem: number | undefined;
  forEachWord(text, (word, compound) => {
    if (compound) {
      count(terms, hashString(word, TERM_SEED));
      return;
    }
    const stemmed = stem(word);
    const stemHash = hashString(stemmed, TERM_SEED);
    count(terms, stemHash);
    if (stemmed !== word) count(phrases, hashString(word, SURFACE_SEED));
    if (previousStem !== undefined) count(phrases, fmix(Math.imul(previousStem, 0x9e3779b1) ^ stemHash));
    previousStem = stemHash;
    for (let i = -1; i < word.length - 1; i++) count(trigrams, hashTrigram(word, i));
  });

  scratch.fill(0);
  addFeatures(terms, TERM_WEIGHT);
  addFeatures(phrases, PHRASE_WEIGHT);
  addFeatures(trigrams, TRIGRAM_WEIGHT);

  let norm = 0;
  for (let i = 0; i < scratch.length; i++) norm += scratch[i]! * scratch[i]!;
  if (norm === 0) {
    // No content words: a fixed unit vector keeps the result valid and deterministic.
    scratch[hashString('', TERM_SEED) % OFFLINE_EMBEDDING_DIMENSIONS] = 1;
    norm = 1;
  }
  const inv = 1 / Math.sqrt(norm);
  const out = new Array<number>(OFFLINE_EMBEDDING_DIMENSIONS);
  for (let i = 0; i < out.length; i++) out[i] = scratch[i]! * inv;
  return out;
}

/** AI SDK embedding model for `embed`/`embedMany` that works without any API key or network. */
export function createOfflineEmbeddingModel(): EmbeddingModelV3 {
  return {
    specificationVersion: 'v3',
    provider: 'docent-offline',
    modelId: OFFLINE_EMBEDDING_MODEL_ID,
    maxEmbeddingsPerCall: 2048,
    supportsParallelCalls: true,
    async doEmbed({ values, abortSignal }) {
      abortSignal?.throwIfAborted();
      const tokens = values.reduce((sum, value) => sum + countWords(value), 0);
      return { embeddings: values.map(embedTextOffline), usage: { tokens }, warnings: [] };
    },
  };
}
