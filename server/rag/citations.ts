/**
 * Which retrieved passages an answer cites. Answers cite as the system prompt asks, `[n]`, and models also
 * write `[1][2]` and `[1, 2]`; the offline answerer writes `[n]` after each passage it quotes.
 */

const CITATION = /\[(\d+(?:\s*,\s*\d+)*)\]/g;

/** The numbers cited in `answer`, in order of first citation. */
export function citedNumbers(answer: string): number[] {
  const cited = new Set<number>();
  for (const match of answer.matchAll(CITATION)) for (const n of match[1]!.split(',')) cited.add(Number(n));
  return [...cited];
}

/**
 * The sources as shown with an answer: those it cites first, in the order it cites them, then the others in
 * retrieval order, marked as retrieved but not cited. Numbers stay as retrieved, so `[n]` in the answer still
 * points at source n.
 */
export function citedFirst<T extends { n: number }>(sources: T[], answer: string): Array<T & { cited: boolean }> {
  const order = new Map(citedNumbers(answer).map((n, i) => [n, i]));
  const cited = sources.filter((s) => order.has(s.n)).sort((a, b) => order.get(a.n)! - order.get(b.n)!);
  const rest = sources.filter((s) => !order.has(s.n));
  return [...cited.map((s) => ({ ...s, cited: true })), ...rest.map((s) => ({ ...s, cited: false }))];
}
