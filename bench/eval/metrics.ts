/**
 * Ranking quality with one relevant document per question: a ranking is the documents of the retrieved chunks,
 * best first, and what counts is the rank of the first chunk that belongs to the answer's document.
 */
export const DEPTH = 10;

export interface RankingScores {
  hitAt1: number;
  hitAt5: number;
  mrr: number;
  ndcgAt10: number;
}

/** 1-based rank of `relevant` among `documentIds` (chunks' documents, best first), or null when absent. */
export function firstRank(documentIds: string[], relevant: string): number | null {
  const index = documentIds.slice(0, DEPTH).indexOf(relevant);
  return index < 0 ? null : index + 1;
}

/**
 * Means over the questions. MRR is cut at rank 10; nDCG@10 with binary relevance counts the first relevant
 * chunk only (the ideal ranking puts it first: 1 / log2(rank + 1)), so a document split into several chunks
 * earns nothing for its second chunk.
 */
export function scoreRanks(ranks: Array<number | null>): RankingScores {
  const mean = (f: (rank: number | null) => number) => ranks.reduce<number>((sum, r) => sum + f(r), 0) / Math.max(1, ranks.length);
  return {
    hitAt1: mean((r) => (r === 1 ? 1 : 0)),
    hitAt5: mean((r) => (r !== null && r <= 5 ? 1 : 0)),
    mrr: mean((r) => (r === null ? 0 : 1 / r)),
    ndcgAt10: mean((r) => (r === null ? 0 : 1 / Math.log2(r + 1))),
  };
}
