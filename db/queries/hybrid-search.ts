import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import { embeddingExpression, modelLiteral, type VectorIndexSpec } from '../vector-index';
import { readableVaults } from './access';
import { queryVector, withVectorSearchSettings } from './chunk-search';
import { searchableChunks, type SearchFilters } from './search-filters';
import { textHits } from './text-ranking';

export interface HybridSearchInput {
  spec: VectorIndexSpec;
  embedding: number[];
  /** The question as typed: its words ranked by BM25, its identifiers matched by Postgres full-text search. */
  text: string;
  k: number;
  /** Who is asking: only chunks of vaults they may read are candidates, filtered in the search itself. */
  userId: string;
  vaultId?: string | null;
  /** Only documents with these tags or types; excluded chunks are left out whatever the filters. */
  filters?: SearchFilters;
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
  /** The PDF pages the chunk starts and ends on; null for other formats. */
  pageStart: number | null;
  pageEnd: number | null;
  content: string;
  title: string;
  /** Cosine similarity to the question (0-1), whichever search found the chunk. */
  score: number;
  /** Reciprocal-rank-fusion score, the order of the results. */
  fusedScore: number;
}

// Chosen by `npm run eval -- --grid` (bench/eval/grid.ts; README "Retrieval quality") over 120 weightings on the
// Debian and Python FAQs: the BM25 list counts double the offline embedder's nearest neighbours, and a steep
// damping constant (10, not the paper's 60) lets the top of each list decide. Identifiers weighted 0 scored 0.001
// higher; they keep half a list's weight so that a code or number the question names still lifts its passage
// (BM25 already weighs such rare tokens high).
export const DEFAULT_FUSION: Fusion = { vector: 0.5, text: 1, identifiers: 0.5, rrfK: 10 };
const MAX_IDENTIFIERS = 8;
// Ranking identifier matches costs per match; an identifier as common as a word ("API") can match most of the
// corpus. Ranking at most this many matches bounds the cost (the other lists carry such questions anyway).
const MAX_RANKED = 500;

/** A list's contribution for a chunk at `rank` (numbers, so written into the SQL rather than bound). */
const rrf = (weight: number, rrfK: number) => sql.raw(`${weight.toFixed(3)} / (${rrfK.toFixed(1)} + rank)`);

/**
 * Words a person means literally: tokens with a digit (XK-2041, v2.5, 1984), all-caps acronyms (HNSW, API)
 * and "quoted phrases".
 */
function identifierTerms(question: string): string[] {
  const terms = new Set<string>();
  for (const match of question.matchAll(/"([^"]{2,80})"|[\p{L}\p{N}][\p{L}\p{N}._/-]*\d[\p{L}\p{N}._/-]*|\b\p{Lu}{2,}[\p{Lu}\p{N}_-]*\b/gu)) {
    terms.add((match[1] ?? match[0]).replace(/[._/-]+$/, ''));
    if (terms.size >= MAX_IDENTIFIERS) break;
  }
  return [...terms].filter((t) => t.length >= 2);
}

/**
 * The k best chunks for a question, in one statement: nearest neighbours from the model's vector index fused
 * (weighted reciprocal rank fusion) with a BM25 ranking of the question's words (text-ranking.ts) and, weighted
 * up, Postgres full-text matches of any of its exact identifiers, so names, codes and numbers are found even when
 * the embedding ranks them low.
 */
export function hybridSearch(db: Database, input: HybridSearchInput): Promise<RetrievedChunk[]> {
  const { spec, k } = input;
  const fusion = input.fusion ?? DEFAULT_FUSION;
  const candidates = Math.max(k * 4, 20);
  const expression = embeddingExpression(spec);
  // Bound once (20 KB of text for 1536 dimensions), referenced three times.
  const query = sql`(SELECT embedding FROM question)`;
  // Inside each candidate search, not after it: the k results are always k passages this user may read.
  const inVault = sql`AND vault_id IN ${readableVaults(input.userId)} ${input.vaultId ? sql`AND vault_id = ${input.vaultId}` : sql``}
    ${searchableChunks(input.filters)}`;
  const inScope = sql`embedding_model = ${modelLiteral(spec.model)} ${inVault}`;
  const identifiers = identifierTerms(input.text);
  const identifierQuery =
    identifiers.length > 0
      ? sql`(${sql.join(identifiers.map((term) => sql`plainto_tsquery('english', ${term})`), sql` || `)})`
      : sql`''::tsquery`;
  // The index must offer at least as many candidates as we fuse (a vault or tag filter may discard some of them:
  // the iterative scan then keeps going until enough pass it).
  const index =
    spec.index.type === 'hnsw' ? { ...spec.index, efSearch: Math.max(spec.index.efSearch, candidates) } : spec.index;
  return withVectorSearchSettings(db, index, async (orm) => {
    const rows = await db.rows<{
      id: string;
      document_id: string;
      ordinal: number;
      page_start: number | null;
      page_end: number | null;
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
          ${textHits({ text: input.text, scope: inScope, limit: candidates })},
          identifier_hits AS (
            SELECT id, row_number() OVER (ORDER BY score DESC) AS rank FROM (
              SELECT id, ts_rank_cd(search_text, ${identifierQuery}) AS score FROM (
                SELECT id, search_text FROM chunks
                WHERE ${identifiers.length > 0 ? sql`TRUE` : sql`FALSE`} AND search_text @@ ${identifierQuery}
                  AND ${inScope}
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
          SELECT c.id, c.document_id, c.ordinal, c.page_start, c.page_end, c.content, d.title, f.fused,
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
      pageStart: r.page_start,
      pageEnd: r.page_end,
      content: r.content,
      title: r.title,
      score: Math.max(0, Math.min(1, 1 - Number(r.distance))),
      fusedScore: Number(r.fused),
    }));
  });
}
