import { sentences as splitProse } from 'sbd';

/**
 * Sentences of a passage for the offline answerer. Prose goes to sbd, which keeps abbreviations (Dr., e.g.,
 * U.S.), decimals (3.14), versions (v2.5.1), URLs and dotted names in one sentence, as the built-in
 * Intl.Segmenter does not ("Its chief engineer was Dr." was a whole answer). What sbd cannot know is the text's
 * layout, so that comes first: paragraphs end at blank lines, list items, headings, table rows and code lines are
 * units of their own, and a line that merely wraps a sentence (hard-wrapped text files) joins the line before.
 */

const LIST_MARKER = /^(?:[-*•+]|\d{1,3}[.)]|[a-z][.)])\s+/;
const HEADING_MARKER = /^#{1,6}\s+/;
// Lines that never continue the line before, whatever their indentation.
const OWN_LINE = /^(?:#{1,6}\s|\||>>>|\$ |```)/;

interface Line {
  indent: number;
  text: string;
}

/** Where the text of a line starts, list marker skipped: a wrapped list item continues at that column. */
function contentColumn(line: Line): number {
  return line.indent + (LIST_MARKER.exec(line.text)?.[0].length ?? 0);
}

/** A paragraph's lines grouped into blocks: a list item or code line starts one, a wrapped line joins one. */
function blocksOf(paragraph: string): string[] {
  const blocks: string[] = [];
  let previous: Line | null = null;
  for (const raw of paragraph.split('\n')) {
    const text = raw.trim();
    if (!text) continue;
    const line = { indent: raw.length - raw.trimStart().length, text };
    const continues =
      previous !== null &&
      !LIST_MARKER.test(text) &&
      !OWN_LINE.test(text) &&
      !OWN_LINE.test(previous.text) &&
      (line.indent === previous.indent || line.indent === contentColumn(previous));
    if (continues) blocks[blocks.length - 1] += ` ${text}`;
    else blocks.push(text);
    previous = line;
  }
  return blocks;
}

/** The sentences of `text` in order, whole, list and heading markers removed. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  // A fenced code block is one unit: its lines are not sentences and must not be split at their dots.
  for (const part of text.replace(/\r\n?/g, '\n').split(/(```[\s\S]*?```)/)) {
    if (part.startsWith('```')) {
      out.push(part.trim());
      continue;
    }
    for (const paragraph of part.split(/\n\s*\n/)) {
      for (const block of blocksOf(paragraph)) {
        for (const sentence of splitProse(block.replace(LIST_MARKER, '').replace(HEADING_MARKER, ''), { newline_boundaries: false })) {
          const trimmed = sentence.trim();
          if (trimmed) out.push(trimmed);
        }
      }
    }
  }
  return out;
}
