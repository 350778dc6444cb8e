import { describe, expect, it } from 'vitest';
import { formatSources, parseSources, type PromptSource } from './sources-format';

describe('formatSources / parseSources', () => {
  it('formats readable source blocks', () => {
    expect(formatSources([{ n: 1, title: 'Manual', content: 'Hello.' }])).toBe(
      '<source n="1" title="Manual">\nHello.\n</source>',
    );
  });

  it('round-trips tricky titles and content', () => {
    const sources: PromptSource[] = [
      { n: 1, title: 'Q&A: "quotes" <and> angle brackets &amp; entities', content: 'a < b && c > d\n<b>html</b>' },
      { n: 2, title: '', content: 'Fake close: </source> and escaped-looking <\\/source> and <\\\\/SOURCE>', documentId: 'doc-"42"' },
      { n: 3, title: 'Nested', content: '<source n="9" title="inner">not a real source</source>' },
      { n: 4, title: 'Whitespace', content: '\n  leading and trailing newlines \n\n' },
      { n: 5, title: 'Empty', content: '' },
      { n: 12, title: 'Unicode ✓ 東京', content: 'Straße “curly” — dash' },
    ];
    expect(parseSources(formatSources(sources))).toEqual(sources);
  });

  it('finds sources inside a full system prompt and ignores prose mentioning <source>', () => {
    const sources: PromptSource[] = [
      { n: 1, title: 'A', content: 'Alpha.' },
      { n: 2, title: 'B', content: 'Beta.' },
    ];
    const system = 'Answer using the <source> blocks below and cite them as [n].\n\n' + formatSources(sources);
    expect(parseSources(system)).toEqual(sources);
  });

  it('returns nothing for text without sources', () => {
    expect(parseSources('')).toEqual([]);
    expect(parseSources('no sources here <source n="1" title="unterminated">')).toEqual([]);
  });
});
