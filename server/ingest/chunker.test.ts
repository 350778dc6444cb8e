import { describe, expect, it } from 'vitest';
import { countTokens } from '@/server/util/tokens';
import { chunkText, type Chunk } from './chunker';

/** A small deterministic generator, so long test texts need no fixtures. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const VOCABULARY = (
  'orchard harvest pump valve meadow ledger invoice tenant river bridge lantern compass archive ' +
  'signal harbour engine garden letter market winter summer village council budget report'
).split(' ');

function makeSentence(random: () => number, index: number): string {
  const words = Array.from({ length: 6 + Math.floor(random() * 14) }, () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]);
  return `Sentence ${index} mentions ${words.join(' ')}.`;
}

/** Paragraphs of `sentencesPerParagraph` numbered sentences; returns the text and its sentences. */
function makeProse(paragraphs: number, sentencesPerParagraph: number, seed = 1): { text: string; sentences: string[] } {
  const random = seededRandom(seed);
  const sentences: string[] = [];
  const text = Array.from({ length: paragraphs }, () =>
    Array.from({ length: sentencesPerParagraph }, () => {
      const sentence = makeSentence(random, sentences.length);
      sentences.push(sentence);
      return sentence;
    }).join(' '),
  ).join('\n\n');
  return { text, sentences };
}

/** The invariants every chunking must satisfy, whatever the text. */
function expectWellFormed(text: string, chunks: Chunk[], chunkSize: number, chunkOverlap: number): void {
  expect(chunks.map((chunk) => chunk.ordinal)).toEqual(chunks.map((_, index) => index));
  expect(text.slice(0, chunks[0]?.start).trim()).toBe('');
  expect(text.slice(chunks.at(-1)?.end).trim()).toBe('');
  chunks.forEach((chunk, index) => {
    expect(chunk.content).toBe(text.slice(chunk.start, chunk.end));
    expect(chunk.content).toBe(chunk.content.trim());
    expect(chunk.tokenCount).toBe(countTokens(chunk.content));
    expect(chunk.tokenCount).toBeLessThanOrEqual(chunkSize);
    const previous = chunks[index - 1];
    if (!previous) return;
    expect(chunk.start).toBeGreaterThan(previous.start);
    expect(chunk.end).toBeGreaterThan(previous.end);
    if (chunk.start < previous.end) {
      expect(countTokens(text.slice(chunk.start, previous.end))).toBeLessThanOrEqual(chunkOverlap);
    } else {
      // No overlap: then nothing but whitespace may lie between the two chunks.
      expect(text.slice(previous.end, chunk.start).trim()).toBe('');
    }
  });
}

const overlaps = (chunks: Chunk[]) => chunks.slice(1).map((chunk, index) => chunk.start < chunks[index]!.end);

describe('countTokens', () => {
  it('counts cl100k_base tokens', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('hello world')).toBe(2);
    expect(countTokens('tiktoken is great!')).toBe(6);
  });

  it('counts special-token markers as ordinary text instead of throwing', () => {
    expect(countTokens('before <|endoftext|> after')).toBeGreaterThan(3);
  });
});

describe('chunkText', () => {
  it('returns no chunks for empty or blank text', () => {
    expect(chunkText('', { chunkSize: 100, chunkOverlap: 10 })).toEqual([]);
    expect(chunkText(' \n\n\t \n', { chunkSize: 100, chunkOverlap: 10 })).toEqual([]);
  });

  it('rejects an overlap that is not smaller than the chunk size', () => {
    expect(() => chunkText('text', { chunkSize: 10, chunkOverlap: 10 })).toThrow(RangeError);
    expect(() => chunkText('text', { chunkSize: 10, chunkOverlap: -1 })).toThrow(RangeError);
  });

  it('returns a short text as a single trimmed chunk', () => {
    const text = '\n  A short note about the orchard.  \n';
    expect(chunkText(text, { chunkSize: 100, chunkOverlap: 10 })).toEqual([
      { ordinal: 0, content: 'A short note about the orchard.', tokenCount: countTokens('A short note about the orchard.'), start: 3, end: 34 },
    ]);
  });

  it('chunks a long text with the 1024/20 defaults: within limits, overlapping, covering every sentence in order', () => {
    const { text, sentences } = makeProse(400, 6);
    const chunks = chunkText(text, { chunkSize: 1024, chunkOverlap: 20 });
    expect(chunks.length).toBeGreaterThan(20);
    expectWellFormed(text, chunks, 1024, 20);
    expect(overlaps(chunks).every(Boolean)).toBe(true);

    // The chunks without the text they repeat from their predecessor give back every sentence in order.
    const withoutOverlaps = chunks
      .map((chunk, index) => text.slice(Math.max(chunk.start, chunks[index - 1]?.end ?? 0), chunk.end))
      .join(' ');
    let position = 0;
    for (const sentence of sentences) {
      const found = withoutOverlaps.indexOf(sentence, position);
      expect(found, sentence).toBeGreaterThanOrEqual(position);
      position = found + sentence.length;
    }
  });

  it('ends chunks at paragraph breaks when paragraphs are short', () => {
    const { text } = makeProse(60, 3);
    const chunks = chunkText(text, { chunkSize: 256, chunkOverlap: 16 });
    expect(chunks.length).toBeGreaterThan(5);
    expectWellFormed(text, chunks, 256, 16);
    for (const chunk of chunks.slice(0, -1)) expect(text.slice(chunk.end, chunk.end + 2)).toBe('\n\n');
  });

  it('ends chunks at sentence ends when a paragraph is longer than a chunk', () => {
    const { text, sentences } = makeProse(1, 120);
    const chunks = chunkText(text, { chunkSize: 128, chunkOverlap: 16 });
    expect(chunks.length).toBeGreaterThan(5);
    expectWellFormed(text, chunks, 128, 16);
    const sentenceEnds = new Set(sentences.map((sentence) => text.indexOf(sentence) + sentence.length));
    for (const chunk of chunks) expect(sentenceEnds.has(chunk.end), chunk.content.slice(-40)).toBe(true);
  });

  it('shares whole sentences or words with the previous chunk, never more than the overlap', () => {
    const { text } = makeProse(1, 120);
    const chunks = chunkText(text, { chunkSize: 128, chunkOverlap: 24 });
    expect(overlaps(chunks).every(Boolean)).toBe(true);
    for (const chunk of chunks.slice(1)) expect(text[chunk.start - 1]).toMatch(/\s/);
  });

  it('does not end sentences at abbreviations, initials or decimals', () => {
    const text = Array.from(
      { length: 40 },
      (_, index) => `Dr. Smith met Mr. J. Jones at 3.5 km from No. ${index}, e.g. near the river bridge at dawn.`,
    ).join(' ');
    const chunks = chunkText(text, { chunkSize: 48, chunkOverlap: 8 });
    expect(chunks.length).toBeGreaterThan(5);
    expectWellFormed(text, chunks, 48, 8);
    for (const chunk of chunks) expect(chunk.content).toMatch(/at dawn\.$/);
  });

  it('starts a chunk at a Markdown heading once the current chunk is half full, without overlap', () => {
    const random = seededRandom(3);
    const sections = Array.from({ length: 12 }, (_, section) => {
      const body = Array.from({ length: 12 }, (_, index) => makeSentence(random, section * 100 + index)).join(' ');
      return `## Section ${section}\n\n${body}`;
    });
    const text = `# Handbook\n\n${sections.join('\n\n')}`;
    const options = { chunkSize: 300, chunkOverlap: 30 };
    // Each section fills between half and all of a chunk, so each should start its own chunk.
    for (const section of sections) expect(countTokens(section)).toBeGreaterThan(options.chunkSize / 2);
    for (const section of sections) expect(countTokens(section)).toBeLessThan(options.chunkSize);
    const chunks = chunkText(text, options);
    expectWellFormed(text, chunks, options.chunkSize, options.chunkOverlap);
    const sectionStarts = chunks.map((chunk) => chunk.content.match(/^## Section (\d+)/)?.[1]);
    expect(sectionStarts.filter(Boolean)).toEqual(sections.slice(1).map((_, index) => String(index + 1)));
    for (const chunk of chunks) expect(chunk.content).not.toMatch(/\n#+ [^\n]*$/);
  });

  it('splits a single enormous word within the limit and loses none of it', () => {
    const word = `${'x'.repeat(30_000)}${'ab😀'.repeat(3_000)}`;
    const text = `Intro sentence. ${word} Outro sentence.`;
    const chunks = chunkText(text, { chunkSize: 100, chunkOverlap: 10 });
    expect(chunks.length).toBeGreaterThan(50);
    expectWellFormed(text, chunks, 100, 10);
    const rebuilt = chunks.map((chunk, index) => text.slice(chunks[index - 1]?.end ?? chunk.start, chunk.end));
    expect(rebuilt.join('')).toBe(text);
  });

  it('splits an overlong sentence at clauses, then words', () => {
    const random = seededRandom(5);
    const clauses = Array.from({ length: 80 }, () => Array.from({ length: 8 }, () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]).join(' '));
    const text = `${clauses.join(', ')}.`;
    const chunks = chunkText(text, { chunkSize: 60, chunkOverlap: 6 });
    expect(chunks.length).toBeGreaterThan(5);
    expectWellFormed(text, chunks, 60, 6);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.content).toMatch(/,$/);

    const words = Array.from({ length: 20 }, () => VOCABULARY.join(' ')).join(' ');
    const wordChunks = chunkText(words, { chunkSize: 30, chunkOverlap: 5 });
    expect(wordChunks.length).toBeGreaterThan(5);
    expectWellFormed(words, wordChunks, 30, 5);
    for (const chunk of wordChunks) expect(words[chunk.end] ?? ' ').toMatch(/\s/);
  });

  it('is deterministic', () => {
    const { text } = makeProse(50, 5, 9);
    const options = { chunkSize: 200, chunkOverlap: 20 };
    expect(chunkText(text, options)).toEqual(chunkText(text, options));
  });
});
