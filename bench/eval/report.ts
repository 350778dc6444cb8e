import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RankingScores } from './metrics';
import { RANKINGS, type Ranking, type SetResult } from './run-set';

const LABELS: Record<Ranking, string> = {
  fused: 'Docent (default: fused)',
  vector: 'vector only',
  lexical: 'lexical only',
  bm25: 'BM25 floor (k1 1.2, b 0.75)',
  both: 'both embedders + lexical (RRF)',
};

const f = (x: number) => x.toFixed(3);
const points = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;

function row(label: string, s: RankingScores): string {
  return `| ${label} | ${f(s.hitAt1)} | ${f(s.hitAt5)} | ${f(s.mrr)} | ${f(s.ndcgAt10)} |`;
}

/** One table per question set and driver, and the default's margin over the floor. */
export function markdown(results: SetResult[]): string {
  return results
    .map((r) => {
      const fused = r.scores.fused;
      const floor = r.scores.bm25;
      return [
        `**${r.set}** on ${r.driver === 'pglite' ? 'PGlite' : 'PostgreSQL'}: ${r.questions} questions, ${r.documents} answer documents, ${r.chunks} chunks (ingested in ${r.ingestSeconds} s; retrieval ${r.fusedMsPerQuestion} ms per question)`,
        '',
        '| ranking | hit@1 | hit@5 | MRR | nDCG@10 |',
        '|---|---|---|---|---|',
        ...RANKINGS.flatMap((name) => (r.scores[name] ? [row(name === 'vector' ? `vector only (${r.embeddingModel})` : LABELS[name], r.scores[name])] : [])),
        '',
        `Default over the floor: hit@5 ${points(fused.hitAt5 - floor.hitAt5)} points, MRR ${points(fused.mrr - floor.mrr)} points.`,
      ].join('\n');
    })
    .join('\n\n');
}

/** Replaces the README's text between the eval markers with this run's tables. */
export function updateReadme(text: string, log: (line: string) => void): void {
  const file = path.join(import.meta.dirname, '..', '..', 'README.md');
  const readme = readFileSync(file, 'utf8');
  const start = '<!-- eval:start -->';
  const end = '<!-- eval:end -->';
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) {
    log('README.md has no eval markers: not updated');
    return;
  }
  writeFileSync(file, `${readme.slice(0, a + start.length)}\n${text}\n${readme.slice(b)}`);
  log('README.md retrieval quality tables updated');
}
