import { createHash } from 'node:crypto';
import { chunkText, TOPICS, VectorSpace } from '../chat/dataset';
import type { BenchDocument } from './types';

/**
 * The head-to-head corpus: documents of real English text (sentences from the Markdown files on this machine)
 * with 1536-dimensional vectors from the chat benchmark's clustered generator, identical for every store and
 * every run. Vectors are rounded to 8 decimals, as an embedding API's JSON gives them, so the stores that
 * send vectors as text send realistic text.
 */

export const CHUNKS_PER_DOCUMENT = 100;

/** A UUID derived from a name: the same chunk has the same id in every store and every run. */
function uuidFrom(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function rounded(vector: Float32Array): number[] {
  const out = new Array<number>(vector.length);
  for (let i = 0; i < vector.length; i++) out[i] = Math.round(vector[i]! * 1e8) / 1e8;
  return out;
}

function benchDocument(space: VectorSpace, sentences: string[], d: number): BenchDocument {
  const topic = d % TOPICS;
  const centre = space.document(topic, 1_000_000 + d);
  const id = uuidFrom(`document-${d}`);
  const title = `Document ${d + 1} (topic ${topic})`;
  return {
    id,
    title,
    chunks: Array.from({ length: CHUNKS_PER_DOCUMENT }, (_, ordinal) => ({
      id: uuidFrom(`chunk-${d}-${ordinal}`),
      documentId: id,
      documentTitle: title,
      ordinal,
      content: chunkText(sentences, d, ordinal),
      embedding: rounded(space.chunk(topic, centre, 2_000_000 + d * CHUNKS_PER_DOCUMENT + ordinal)),
    })),
  };
}

/** Documents [from, to) of the corpus. */
export function benchDocuments(space: VectorSpace, sentences: string[], from: number, to: number): BenchDocument[] {
  return Array.from({ length: to - from }, (_, i) => benchDocument(space, sentences, from + i));
}
