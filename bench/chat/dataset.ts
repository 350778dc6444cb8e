import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { copyColumns, copyHeader, copyTrailer, encodeChunkRow } from '@/db/copy-chunks';
import { walk } from '../corpus';

/**
 * A deterministic synthetic corpus for the chat benchmark: real English text (sentences cut from the Markdown
 * files under node_modules) with 1536-dimensional unit vectors that have cluster structure, bulk-loaded with a
 * binary COPY.
 *
 * Vector model ("topic subspaces"): 100 random topic centroids; every topic also has a random 16-dimensional
 * subspace. A document of topic t sits at centroid_t + 0.6·(a point of t's subspace); its chunks add a smaller
 * offset in the same subspace and a little isotropic noise. Questions are perturbed centroids (centroid_t + a
 * random point of t's subspace). So, as with real embeddings, neighbourhoods have low intrinsic dimension and
 * distances spread out instead of all being near-ties, and the HNSW index genuinely has to navigate (1,000
 * candidate chunks per topic, ~100 documents).
 */

export const DIMENSIONS = 1536;
export const TOPICS = 100;
const SUBSPACE = 16;
const DOC_SPREAD = 0.6;
const CHUNK_SPREAD = 0.3;
const ISO_NOISE = 0.15;
const QUERY_SPREAD = 0.6;

/** mulberry32: small seeded PRNG, floats in [0, 1). */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    const u = random() || 1e-12;
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

function normalize(v: Float64Array): Float64Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  const inv = 1 / Math.sqrt(sum);
  for (let i = 0; i < v.length; i++) v[i]! *= inv;
  return v;
}

/** The topic centroids (unit vectors) and, per topic, SUBSPACE random unit directions. */
export class VectorSpace {
  readonly centroids: Float64Array[] = [];
  readonly bases: Float64Array[][] = [];

  constructor(seed = 1536) {
    const g = gaussian(prng(seed));
    for (let t = 0; t < TOPICS; t++) {
      this.centroids.push(normalize(Float64Array.from({ length: DIMENSIONS }, g)));
      const basis: Float64Array[] = [];
      for (let j = 0; j < SUBSPACE; j++) basis.push(normalize(Float64Array.from({ length: DIMENSIONS }, g)));
      this.bases.push(basis);
    }
  }

  /** centroid_t + spread · (a gaussian point of t's subspace, of expected norm 1). */
  private around(topic: number, base: Float64Array, spread: number, g: () => number): Float64Array {
    const out = Float64Array.from(base);
    const scale = spread / Math.sqrt(SUBSPACE);
    for (const direction of this.bases[topic]!) {
      const w = g() * scale;
      for (let i = 0; i < DIMENSIONS; i++) out[i]! += w * direction[i]!;
    }
    return out;
  }

  /** A document's centre (not normalised: its chunks are normalised). */
  document(topic: number, seed: number): Float64Array {
    return this.around(topic, this.centroids[topic]!, DOC_SPREAD, gaussian(prng(seed)));
  }

  chunk(topic: number, documentCentre: Float64Array, seed: number): Float32Array {
    const g = gaussian(prng(seed));
    const v = this.around(topic, documentCentre, CHUNK_SPREAD, g);
    const iso = ISO_NOISE / Math.sqrt(DIMENSIONS);
    for (let i = 0; i < DIMENSIONS; i++) v[i]! += g() * iso;
    return Float32Array.from(normalize(v));
  }

  /** A question vector: a perturbed centroid of topic `i % TOPICS`. */
  query(i: number): number[] {
    const topic = i % TOPICS;
    const g = gaussian(prng(9_000_000 + i));
    return Array.from(normalize(this.around(topic, this.centroids[topic]!, QUERY_SPREAD, g)));
  }
}

/** Prose sentences from the Markdown files under node_modules, in a deterministic order, code blocks dropped. */
export function markdownSentences(root = process.cwd()): { sentences: string[]; sources: string[] } {
  const sentences: string[] = [];
  const sources: string[] = [];
  const seen = new Set<string>();
  for (const file of walk(path.join(root, 'node_modules'), (f) => f.toLowerCase().endsWith('.md'), 1024)) {
    const text = readFileSync(file, 'utf8')
      .replace(/```[\s\S]*?```/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/[#>*_`|]+/g, ' ');
    let added = 0;
    for (const raw of text.split(/(?<=[.!?])\s+|\n\s*\n/)) {
      const sentence = raw.replace(/\s+/g, ' ').trim();
      if (sentence.length < 30 || sentence.length > 400 || !/[a-z]{3}/.test(sentence) || seen.has(sentence)) continue;
      seen.add(sentence);
      sentences.push(sentence);
      added++;
    }
    if (added > 0) sources.push(path.relative(path.join(root, 'node_modules'), file));
  }
  return { sentences, sources };
}

export interface LoadPlan {
  documents: number;
  chunksPerDocument: number;
}

export interface LoadedDocument {
  id: string;
  title: string;
  topic: number;
}

const CHUNK_CHARS = 900;

/** The text of chunk `ordinal` of document `d`: consecutive sentences from a deterministic starting point. */
export function chunkText(sentences: string[], d: number, ordinal: number): string {
  let i = (d * 7919 + ordinal * 13) % sentences.length;
  let text = '';
  while (text.length < CHUNK_CHARS) {
    text += (text ? ' ' : '') + sentences[i]!;
    i = (i + 1) % sentences.length;
  }
  return text;
}

export const CHUNK_COPY_COLUMNS = copyColumns(true);

/** The documents' rows (all `ready`, in the default vault) for a multi-row INSERT. */
export function documentRows(plan: LoadPlan, sources: string[], vaultId: string) {
  const docs: Array<LoadedDocument & { row: Record<string, unknown> }> = [];
  for (let d = 0; d < plan.documents; d++) {
    const id = randomUUID();
    const title = `${sources[d % sources.length]!.replace(/\/README\.md$/i, '')} (${d + 1})`;
    docs.push({
      id,
      title,
      topic: d % TOPICS,
      row: {
        id,
        vault_id: vaultId,
        title,
        source: `bench://chat/${d + 1}`,
        content_hash: createHash('sha256').update(`bench-chat-document-${d}`).digest('hex'),
        mime_type: 'text/markdown',
        size_bytes: plan.chunksPerDocument * CHUNK_CHARS,
        status: 'ready',
        progress: 100,
        chunk_count: plan.chunksPerDocument,
      },
    });
  }
  return docs;
}

/** Streams every chunk of every document into a binary COPY, respecting back-pressure. */
export async function writeChunks(
  stream: Writable,
  space: VectorSpace,
  docs: LoadedDocument[],
  plan: LoadPlan,
  sentences: string[],
  vaultId: string,
  model: string,
  onProgress?: (chunks: number) => void,
): Promise<void> {
  const write = async (buf: Buffer) => {
    if (!stream.write(buf)) await once(stream, 'drain');
  };
  await write(copyHeader());
  let written = 0;
  for (const [d, doc] of docs.entries()) {
    const centre = space.document(doc.topic, 1_000_000 + d);
    const rows: Buffer[] = [];
    for (let ordinal = 0; ordinal < plan.chunksPerDocument; ordinal++) {
      const content = chunkText(sentences, d, ordinal);
      rows.push(
        encodeChunkRow({
          id: randomUUID(),
          documentId: doc.id,
          vaultId,
          ordinal,
          content,
          tokenCount: content.split(/\s+/).length,
          embedding: space.chunk(doc.topic, centre, 2_000_000 + d * plan.chunksPerDocument + ordinal),
          embeddingModel: model,
        }),
      );
    }
    await write(Buffer.concat(rows));
    written += rows.length;
    onProgress?.(written);
  }
  stream.end(copyTrailer());
  await once(stream, 'finish');
}
