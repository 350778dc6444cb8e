import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import { embeddingExpression, modelLiteral, type VectorIndexSpec } from '../vector-index';
import { queryVector, withVectorSearchSettings } from './chunk-search';

export interface HybridSearchInput {
  spec: VectorIndexSpec;
  embedding: number[];
  /** The question as typed: matched word for word by Postgres full-text search. */
  text: string;
  k: number;
  vaultId?: string | null;
  /** How the ranked lists are fused; DEFAULT_FUSION unless an evaluation is comparing alternatives. */
  fusion?: Fusion;
}

/**
 * Weighted reciprocal rank fusion: a chunk at rank r of a list earns weight / (rrfK + r) from it. A list weighted
 * 0 contributes nothing, and chunks found only by such lists are left out.
 */
export interface Fusion {
  vector: number;
  text: number;
  identifiers: number;
  rrfK: number;
}

export interface RetrievedChunk {
  chunkId: string;
  documentId: string;
  ordinal: number;
  content: string;
  title: string;
  /** Cosine similarity to the question (0-1), whichever search found the chunk. */
  score: number;
  /** Reciprocal-rank-fusion score, the order of the results. */
  fusedScore: number;
}

// Reciprocal rank fusion's damping constant as in the original paper (Cormack et al., 2009). Exact identifiers
// (codes, numbers, acronyms, quoted phrases) are the strongest signal a question carries: their list counts
// double, so a passage naming the code outranks passages that are merely about the topic.
export const DEFAULT_FUSION: Fusion = { vector: 1, text: 1, identifiers: 2, rrfK: 60 };
const MAX_IDENTIFIERS = 8;
// Full-text ranking costs per match; a common word can match most of the corpus. Ranking at most this many
// matches bounds the cost (the vector search carries recall for broad questions anyway).
const MAX_RANKED = 500;

/** A list's contribution for a chunk at `rank` (numbers, so written into the SQL rather than bound). */
const rrf = (weight: number, rrfK: number) => sql.raw(`${weight.toFixed(3)} / (${rrfK.toFixed(1)} + rank)`);

/**
 * Words a person means literally: tokens with a digit (XK-2041, v2.5, 1984), all-caps acronyms (HNSW, API)
 * and "quoted phrases".
 */
export function identifierTerms(question: string): string[] {
  const terms = new Set<string>();
  for (const match of question.matchAll(/"([^"]{2,80})"|[\p{L}\p{N}][\p{L}\p{N}._/-]*\d[\p{L}\p{N}._/-]*|\b\p{Lu}{2,}[\p{Lu}\p{N}_-]*\b/gu)) {
    terms.add((match[1] ?? match[0]).replace(/[._/-]+$/, ''));
    if (terms.size >= MAX_IDENTIFIERS) break;
  }
  return [...terms].filter((t) => t.length >= 2);
}

/**
 * The k best chunks for a question, in one statement: nearest neighbours from the model's vector index fused
 * (weighted reciprocal rank fusion) with Postgres full-text matches of all the question's words and, weighted
 * up, of any of its exact identifiers, so names, codes and numbers are found even when the embedding ranks them
 * low.
 */
export function hybridSearch(db: Database, input: HybridSearchInput): Promise<RetrievedChunk[]> {
  const { spec, k } = input;
  const fusion = input.fusion ?? DEFAULT_FUSION;
  const candidates = Math.max(k * 4, 20);
  const expression = embeddingExpression(spec);
  // Bound once (20 KB of text for 1536 dimensions), referenced three times.
  const query = sql`(SELECT embedding FROM question)`;
  const inVault = input.vaultId ? sql`AND vault_id = ${input.vaultId}` : sql``;
  const identifiers = identifierTerms(input.text);
  const identifierQuery =
    identifiers.length > 0
      ? sql`(${sql.join(identifiers.map((term) => sql`plainto_tsquery('english', ${term})`), sql` || `)})`
      : sql`''::tsquery`;
  // The index must offer at least as many candidates as we fuse (a vault filter may discard some of them:
  // the iterative scan then keeps going until enough pass it).
  const index =
    spec.index.type === 'hnsw' ? { ...spec.index, efSearch: Math.max(spec.index.efSearch, candidates) } : spec.index;
  return withVectorSearchSettings(db, index, async (orm) => {
    const rows = await db.rows<{
      id: string;
      document_id: string;
      ordinal: number;
      content: string;
      title: string;
      distance: number;
      fused: number;
    }>(
      sql`WITH question AS (SELECT ${queryVector(spec, input.embedding)} AS embedding),
          vector_hits AS (
            SELECT id, row_number() OVER (ORDER BY distance) AS rank FROM (
              SELECT id, ${expression} <=> ${query} AS distance FROM chunks
              WHERE embedding_model = ${modelLiteral(spec.model)} ${inVault}
              ORDER BY ${expression} <=> ${query}
              LIMIT ${candidates}
            ) nearest
          ),
          text_hits AS (
            SELECT id, row_number() OVER (ORDER BY score DESC) AS rank FROM (
              SELECT id, ts_rank_cd(search_text, plainto_tsquery('english', ${input.text})) AS score FROM (
                SELECT id, search_text FROM chunks
                WHERE search_text @@ plainto_tsquery('english', ${input.text})
                  AND embedding_model = ${modelLiteral(spec.model)} ${inVault}
                LIMIT ${MAX_RANKED}
              ) matched
              ORDER BY score DESC
              LIMIT ${candidates}
            ) ranked
          ),
          identifier_hits AS (
            SELECT id, row_number() OVER (ORDER BY score DESC) AS rank FROM (
              SELECT id, ts_rank_cd(search_text, ${identifierQuery}) AS score FROM (
                SELECT id, search_text FROM chunks
                WHERE ${identifiers.length > 0 ? sql`TRUE` : sql`FALSE`} AND search_text @@ ${identifierQuery}
                  AND embedding_model = ${modelLiteral(spec.model)} ${inVault}
                LIMIT ${MAX_RANKED}
              ) matched
              ORDER BY score DESC
              LIMIT ${candidates}
            ) ranked
          ),
          fused AS (
            SELECT id, sum(score) AS fused FROM (
              SELECT id, ${rrf(fusion.vector, fusion.rrfK)} AS score FROM vector_hits
              UNION ALL SELECT id, ${rrf(fusion.text, fusion.rrfK)} FROM text_hits
              UNION ALL SELECT id, ${rrf(fusion.identifiers, fusion.rrfK)} FROM identifier_hits
            ) ranked
            GROUP BY id
            HAVING sum(score) > 0
            ORDER BY fused DESC
            LIMIT ${k}
          )
          SELECT c.id, c.document_id, c.ordinal, c.content, d.title, f.fused,
                 ${expression} <=> ${query} AS distance
          FROM fused f
          JOIN chunks c ON c.id = f.id
          JOIN documents d ON d.id = c.document_id
          ORDER BY f.fused DESC, distance`,
      orm,
    );
    return rows.map((r) => ({
      chunkId: r.id,
      documentId: r.document_id,
      ordinal: r.ordinal,
      content: r.content,
      title: r.title,
      score: Math.max(0, Math.min(1, 1 - Number(r.distance))),
      fusedScore: Number(r.fused),
    }));
  });
}
