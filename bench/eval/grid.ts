import { DEFAULT_FUSION, type Fusion } from '@/db/queries/hybrid-search';
import { embedQuestion } from '@/server/embedding/embed-question';
import { firstRank, scoreRanks, type RankingScores } from './metrics';
import type { QuestionSet } from './question-set';
import { searchDocuments, type PreparedSet } from './run-set';

/**
 * The fusion weights worth trying. Only ratios matter, so the full-text list keeps weight 1; the others and the
 * damping constant range around the defaults of the RRF literature.
 */
function fusionGrid(): Fusion[] {
  const grid: Fusion[] = [];
  for (const rrfK of [10, 30, 60, 100]) {
    for (const vector of [0.25, 0.5, 0.75, 1, 1.5, 2]) {
      for (const identifiers of [0, 0.5, 1, 2, 3]) grid.push({ vector, text: 1, identifiers, rrfK });
    }
  }
  return grid;
}

export interface GridPoint {
  fusion: Fusion;
  bySet: Record<string, RankingScores>;
  /** Mean over the sets of (hit@5 + MRR) / 2: the two figures the acceptance is stated in. */
  objective: number;
}

/** Scores every grid point on every prepared set (question vectors computed once per set). */
export async function searchGrid(sets: Array<{ set: QuestionSet; prepared: PreparedSet }>, log: (line: string) => void): Promise<GridPoint[]> {
  const vectors = await Promise.all(
    sets.map(({ set, prepared }) => Promise.all(set.pairs.map((pair) => embedQuestion(prepared.services, pair.question)))),
  );
  const points: GridPoint[] = [];
  const grid = fusionGrid();
  for (const [n, fusion] of grid.entries()) {
    const bySet: Record<string, RankingScores> = {};
    for (const [s, { set, prepared }] of sets.entries()) {
      const ranks: Array<number | null> = [];
      for (const [i, pair] of set.pairs.entries()) {
        ranks.push(firstRank(await searchDocuments(prepared, pair.question, vectors[s]![i]!, fusion), prepared.answers[i]!));
      }
      bySet[set.name] = scoreRanks(ranks);
    }
    const scores = Object.values(bySet);
    const objective = scores.reduce((sum, x) => sum + (x.hitAt5 + x.mrr) / 2, 0) / scores.length;
    points.push({ fusion, bySet, objective });
    if ((n + 1) % 20 === 0) log(`grid: ${n + 1}/${grid.length}`);
  }
  return points.sort((a, b) => b.objective - a.objective);
}

export function gridMarkdown(points: GridPoint[], shown = 15): string {
  const names = Object.keys(points[0]?.bySet ?? {});
  const isDefault = (x: Fusion) => (Object.keys(DEFAULT_FUSION) as Array<keyof Fusion>).every((key) => x[key] === DEFAULT_FUSION[key]);
  const label = (x: Fusion) => `vector ${x.vector}, text ${x.text}, identifiers ${x.identifiers}, k ${x.rrfK}${isDefault(x) ? ' (default)' : ''}`;
  const line = (p: GridPoint, rank: number) =>
    `| ${rank} | ${label(p.fusion)} | ${p.objective.toFixed(3)} | ${names.map((n) => `${p.bySet[n]!.hitAt5.toFixed(3)} / ${p.bySet[n]!.mrr.toFixed(3)}`).join(' | ')} |`;
  const defaultRank = points.findIndex((p) => isDefault(p.fusion));
  return [
    `| # | fusion | objective | ${names.map((n) => `${n} hit@5 / MRR`).join(' | ')} |`,
    `|---|---|---|${names.map(() => '---').join('|')}|`,
    ...points.slice(0, shown).map((p, i) => line(p, i + 1)),
    ...(defaultRank >= shown ? [line(points[defaultRank]!, defaultRank + 1)] : []),
  ].join('\n');
}
