import { sql, type SQL } from 'drizzle-orm';

// Okapi BM25's textbook parameters (Robertson et al.): how fast a repeated word stops adding (k1) and how much a
// long chunk is discounted for having more room to repeat it (b).
const K1 = 1.2;
const B = 0.75;
/**
 * The most chunks a question's words are scored in. Words are taken rarest first while the chunks holding them stay
 * within this budget: a chunk holding none of them shares only common words with the question, which BM25 weighs
 * little, so it is left out instead of paying for every chunk that says "install". The rarest word always counts;
 * only when even it is in more chunks than this are its matches cut, and then no word of the question says much.
 * Chosen with the chat benchmark's 100,000 chunks, where a question's words are in 26,500 chunks on average.
 */
const TEXT_CANDIDATE_BUDGET = 1000;

/**
 * Two CTEs for a search statement: `question_terms` (the question's stemmed words that the corpus holds, with
 * their BM25 idf) and `text_hits` (the `limit` best chunks within `scope` by BM25 over those words, ranked from 1).
 * Every word counts by its rarity, none is required; repeated words saturate; long chunks are normalised by
 * token_count against the corpus average (search_corpus, kept by triggers with search_terms).
 */
export function textHits(input: { text: string; scope: SQL; limit: number }): SQL {
  // A question word's count in a chunk comes from one pass over the chunk's tsvector: the question's words are
  // marked (setweight), kept (ts_filter) and their positions counted.
  const tf = sql.raw(`f.n * ${K1 + 1} / (f.n + ${K1} * (${1 - B} + ${B} * c.token_count / (SELECT tokens::float8 / greatest(chunks, 1) FROM search_corpus)))`);
  return sql`question_terms AS (
      SELECT term, idf,
             row_number() OVER (ORDER BY chunks, term) AS rarity,
             sum(chunks) OVER (ORDER BY chunks, term) AS matches
      FROM (
        SELECT t.term, t.chunks, ln(1 + (c.chunks - t.chunks + 0.5)::float8 / (t.chunks + 0.5)) AS idf
        FROM search_terms t, search_corpus c
        WHERE t.term = ANY (tsvector_to_array(to_tsvector('english', ${input.text})))
      ) known
    ),
    text_candidates AS (
      SELECT id, search_text, token_count FROM chunks
      WHERE search_text @@ (
          SELECT string_agg(quote_literal(term), ' | ')::tsquery FROM question_terms
          WHERE rarity = 1 OR matches <= ${sql.raw(String(TEXT_CANDIDATE_BUDGET))}
        )
        AND ${input.scope}
      LIMIT ${sql.raw(String(TEXT_CANDIDATE_BUDGET))}
    ),
    text_hits AS (
      SELECT id, row_number() OVER (ORDER BY score DESC, id) AS rank FROM (
        SELECT c.id, sum(q.idf * ${tf}) AS score
        FROM text_candidates c
        CROSS JOIN LATERAL (
          SELECT lexeme, array_length(positions, 1) AS n
          FROM unnest(ts_filter(setweight(c.search_text, 'A', (SELECT array_agg(term) FROM question_terms)), '{a}'))
        ) f
        JOIN question_terms q ON q.term = f.lexeme
        GROUP BY c.id
        ORDER BY score DESC, c.id
        LIMIT ${sql.raw(String(input.limit))}
      ) ranked
    )`;
}
