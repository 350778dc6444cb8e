import { describe, expect, it } from 'vitest';
import { citedFirst, citedNumbers } from './citations';

const sources = [1, 2, 3, 4].map((n) => ({ n, title: `Source ${n}` }));

describe('citations', () => {
  it('reads [n], [n][m] and [n, m] in order of first citation', () => {
    expect(citedNumbers('Lamps last [3]. Replace them [1][3], see [2, 3].')).toEqual([3, 1, 2]);
    expect(citedNumbers('No citation here, not even [a] or [].')).toEqual([]);
  });

  it('shows the cited sources first, in citation order, and marks the rest as not cited', () => {
    expect(citedFirst(sources, 'It lasts 4,000 hours [3]. Use part LH-88 [1]. See also [9].')).toEqual([
      { n: 3, title: 'Source 3', cited: true },
      { n: 1, title: 'Source 1', cited: true },
      { n: 2, title: 'Source 2', cited: false },
      { n: 4, title: 'Source 4', cited: false },
    ]);
  });

  it('marks every source as not cited when the answer cites none', () => {
    expect(citedFirst(sources, "I couldn't find it.").map((s) => s.cited)).toEqual([false, false, false, false]);
  });
});
