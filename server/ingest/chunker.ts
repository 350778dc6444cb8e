import { decode, encode, isWithinTokenLimit } from 'gpt-tokenizer/encoding/cl100k_base';
import { countTokens, PLAIN_TEXT } from '@/server/util/tokens';

/**
 * Token-bounded chunking in the manner of LlamaIndex's SentenceSplitter. The text is cut into pieces
 * (paragraphs, lines and sentences; clauses, words and finally tokens for whatever is still too long),
 * the pieces are merged greedily, and each chunk ends at the strongest boundary in its second half:
 * a heading, else a paragraph break, else a sentence end, and so on. Consecutive chunks overlap a little.
 *
 * BPE tokenising costs time quadratic in the length of a run without spaces, so such runs are cut every
 * LONG_RUN_CHARS characters and a chunk never continues across such a cut: the work stays linear.
 */
export interface Chunk {
  ordinal: number;
  content: string;
  tokenCount: number;
  /** Offsets (UTF-16 code units, as String.prototype.slice takes them) of `content` in the input text. */
  start: number;
  end: number;
}

/** How good a place to start a chunk the start of a piece is; lower is better. */
const BOUNDARY = { section: 0, paragraph: 1, sentence: 2, line: 3, clause: 4, word: 5, run: 6 } as const;
type Boundary = (typeof BOUNDARY)[keyof typeof BOUNDARY];

/** A span of the input. Pieces tile the input, and separators lead the piece they precede. */
interface Piece {
  start: number;
  end: number;
  tokens: number;
  /** What kind of boundary lies at `start`. */
  boundary: Boundary;
}

// ---- Where text may be split ----

const PARAGRAPH_BREAK = /\n(?:[ \t\r]*\n)+|\n(?=#{1,6}[ \t])/g;
const LINE_BREAK = /\n/g;
const CLAUSE_END = /[,;:](?=\s)/g;
const HEADING = /^#{1,6}[ \t]/;
const ENDS_WITH_SENTENCE_END = /[.!?…。！？]["'”’)\]]*$/;

/** Indexes strictly inside `span` where a new piece may start. */
function splitPoints(span: string, pattern: RegExp, pointOf: (match: RegExpExecArray) => number): number[] {
  // A piece's leading separator is not a place to split it again.
  const firstContent = span.search(/\S/);
  const points: number[] = [];
  for (const match of span.matchAll(pattern)) {
    const point = pointOf(match);
    if (point > firstContent && point < span.length && point !== points.at(-1)) points.push(point);
  }
  return points;
}

const atMatch = (match: RegExpExecArray) => match.index;
const afterMatch = (match: RegExpExecArray) => match.index + match[0].length;

// A full stop after one of these (or after a single letter: initials, "e.g.") rarely ends a sentence.
const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof sr jr st mt no nos fig figs vol vols ch sec ed eds approx dept est inc ltd co corp ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec cf al ca vs gen col lt sgt rev hon'
  ).split(' '),
);
const LONGEST_ABBREVIATION = 6;
// Groups: the punctuation, then the first character of what follows it.
const SENTENCE_END = /([.!?…]+)["'”’)\]]*(?=\s+(\S))|[。！？]+/gu;
// Looked up behind the punctuation separately: a pattern that starts by matching a word backtracks
// quadratically over long runs of letters.
const WORD_BEFORE = /[\p{L}\p{N}]*$/u;

function isSentenceEnd(span: string, match: RegExpExecArray): boolean {
  const [, punctuation, next] = match;
  if (punctuation !== '.' || next === undefined) return true;
  if (/\p{Ll}/u.test(next)) return false; // "e.g. the", "approx. ten"
  const before = span.slice(Math.max(0, match.index - LONGEST_ABBREVIATION - 1), match.index);
  const word = WORD_BEFORE.exec(before)?.[0] ?? '';
  return !(ABBREVIATIONS.has(word.toLowerCase()) || /^\p{L}$/u.test(word));
}

/** Ends of sentences; decimals ("3.5") never qualify because no space follows their point. */
function sentencePoints(span: string): number[] {
  return splitPoints(span, SENTENCE_END, (match) => (isSentenceEnd(span, match) ? afterMatch(match) : -1));
}

const LONG_RUN_CHARS = 1000;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
// Checks char codes rather than running a regex per character: this runs over every character.
const isSpaceCode = (code: number) => code === 32 || (code >= 9 && code <= 13) || (code > 127 && /\s/.test(String.fromCharCode(code)));

function hasLongRun(span: string): boolean {
  for (let index = 0, run = 0; index < span.length; index++) {
    run = isSpaceCode(span.charCodeAt(index)) ? 0 : run + 1;
    if (run > LONG_RUN_CHARS) return true;
  }
  return false;
}

/** Starts of the gaps between words, plus a cut every LONG_RUN_CHARS characters of a longer run. */
function wordPoints(span: string): number[] {
  const points: number[] = [];
  for (let index = 0, run = 0; index < span.length; index++) {
    if (isSpaceCode(span.charCodeAt(index))) {
      if (run > 0) points.push(index);
      run = 0;
    } else if (++run > LONG_RUN_CHARS && !isLowSurrogate(span.charCodeAt(index))) {
      points.push(index);
      run = 1;
    }
  }
  return points;
}

const lineBoundary = (text: string, point: number): Boundary =>
  ENDS_WITH_SENTENCE_END.test(text.slice(Math.max(0, point - 8), point).trimEnd()) ? BOUNDARY.sentence : BOUNDARY.line;

/** Coarsest first. Each level splits the pieces of the one before it. */
const LEVELS: { points: (span: string) => number[]; boundary: (text: string, point: number) => Boundary }[] = [
  { points: (span) => splitPoints(span, PARAGRAPH_BREAK, atMatch), boundary: () => BOUNDARY.paragraph },
  { points: (span) => splitPoints(span, LINE_BREAK, atMatch), boundary: lineBoundary },
  { points: sentencePoints, boundary: () => BOUNDARY.sentence },
  { points: (span) => splitPoints(span, CLAUSE_END, afterMatch), boundary: () => BOUNDARY.clause },
  { points: wordPoints, boundary: (text, point) => (isSpaceCode(text.charCodeAt(point)) ? BOUNDARY.word : BOUNDARY.run) },
];
// Paragraphs, lines and sentences are always pieces of their own, so a chunk can end at any of them;
// the finer levels only apply to what is still too long.
const ALWAYS_SPLIT_LEVELS = 3;

// ---- Pieces ----

function makePiece(text: string, start: number, end: number, tokens: number, boundary: Boundary): Piece {
  const contentStart = start + Math.max(0, text.slice(start, end).search(/\S/));
  const atLineStart = contentStart === 0 || text[contentStart - 1] === '\n';
  const isHeading = atLineStart && HEADING.test(text.slice(contentStart, contentStart + 7));
  return { start, end, tokens, boundary: isHeading ? BOUNDARY.section : boundary };
}

/**
 * Last resort for a span with nowhere better to split (a long URL, base64, a table rule): cut it every
 * `maxTokens` tokens, backing off where a token boundary falls inside a multi-byte character.
 */
function splitByTokens(text: string, start: number, end: number, maxTokens: number, boundary: Boundary): Piece[] {
  const span = text.slice(start, end);
  const pieces: Piece[] = [];
  let tokens = encode(span, PLAIN_TEXT);
  let first = 0;
  for (let offset = 0; offset < span.length; ) {
    let take = Math.min(maxTokens, tokens.length - first);
    let part = decode(tokens.slice(first, first + take));
    while (take > 1 && !(span.startsWith(part, offset) && countTokens(part) <= maxTokens)) {
      take -= 1;
      part = decode(tokens.slice(first, first + take));
    }
    if (span.startsWith(part, offset)) {
      first += take;
    } else {
      // One character spans more tokens than a piece may hold: keep it whole and re-encode what follows.
      part = String.fromCodePoint(span.codePointAt(offset) ?? 0);
      tokens = encode(span.slice(offset + part.length), PLAIN_TEXT);
      first = 0;
    }
    const partStart = start + offset;
    pieces.push(makePiece(text, partStart, partStart + part.length, countTokens(part), offset ? BOUNDARY.run : boundary));
    offset += part.length;
  }
  return pieces;
}

// Longer spans are probably over the limit, so counting them stops as soon as they pass it; the
// early-stopping count is slower per token, so shorter spans are simply counted.
const LIKELY_TOO_LONG_CHARS_PER_TOKEN = 8;

function tokensWithin(span: string, maxTokens: number): number | null {
  if (span.length <= maxTokens * LIKELY_TOO_LONG_CHARS_PER_TOKEN) {
    const tokens = countTokens(span);
    return tokens <= maxTokens ? tokens : null;
  }
  const tokens = isWithinTokenLimit(span, maxTokens, PLAIN_TEXT);
  return tokens === false ? null : tokens;
}

/** Cuts `text` into pieces of at most `maxTokens` tokens, counting the tokens of each character about once. */
function splitIntoPieces(text: string, maxTokens: number): Piece[] {
  const pieces: Piece[] = [];
  const visit = (start: number, end: number, level: number, boundary: Boundary): void => {
    const span = text.slice(start, end);
    if (level >= ALWAYS_SPLIT_LEVELS && !hasLongRun(span)) {
      const tokens = tokensWithin(span, maxTokens);
      if (tokens !== null) {
        pieces.push(makePiece(text, start, end, tokens, boundary));
        return;
      }
    }
    const splitter = LEVELS[level];
    if (!splitter) {
      pieces.push(...splitByTokens(text, start, end, maxTokens, boundary));
      return;
    }
    let from = start;
    let fromBoundary = boundary;
    for (const point of splitter.points(span)) {
      visit(from, start + point, level + 1, fromBoundary);
      from = start + point;
      fromBoundary = splitter.boundary(text, from);
    }
    visit(from, end, level + 1, fromBoundary);
  };
  visit(0, text.length, 0, BOUNDARY.paragraph);
  return pieces;
}

// ---- Chunks ----

/** The chunk for text[from, to) without surrounding whitespace, or null when there is only whitespace. */
function makeChunk(text: string, from: number, to: number, ordinal: number): Chunk | null {
  const span = text.slice(from, to);
  const leading = span.search(/\S/);
  if (leading === -1) return null;
  const content = span.trim();
  const start = from + leading;
  return { ordinal, content, tokenCount: countTokens(content), start, end: start + content.length };
}

/**
 * Index of the piece the next chunk starts at, given that pieces [first, end) fit. Once the chunk is at
 * least half full, the first heading wins; otherwise the strongest boundary, the later the better. When
 * `end` is the end of the text or a cut inside a long run, only a heading is worth an earlier cut.
 */
function cutIndex(pieces: Piece[], first: number, end: number, startTokens: number, chunkSize: number): number {
  const endIsFinal = end === pieces.length || pieces[end]!.boundary === BOUNDARY.run;
  let estimate = startTokens;
  let best: Piece | null = null;
  let bestIndex = end;
  for (let index = first + 1; index <= end; index++) {
    estimate += pieces[index - 1]!.tokens;
    const piece = pieces[index];
    if (!piece || estimate < chunkSize / 2) continue;
    if (piece.boundary === BOUNDARY.section) return index;
    if (!endIsFinal && (!best || piece.boundary <= best.boundary)) {
      best = piece;
      bestIndex = index;
    }
  }
  return bestIndex;
}

// Generous, so the window holds `budget` tokens of all but the most unusual text.
const OVERLAP_WINDOW_CHARS_PER_TOKEN = 16;

function nextWordStart(text: string, from: number, end: number): number | null {
  const gap = text.slice(from, end).search(/\s\S/);
  return gap === -1 ? null : from + gap + 1;
}

/** Roughly where the last `budget` tokens of `previous` start, moved forward to the start of a word. */
function approximateOverlapStart(text: string, previous: Chunk, budget: number): number | null {
  const windowStart = Math.max(previous.start, previous.end - budget * OVERLAP_WINDOW_CHARS_PER_TOKEN);
  const windowTokens = encode(text.slice(windowStart, previous.end), PLAIN_TEXT);
  let start = windowStart;
  if (windowTokens.length > budget) {
    start = Math.max(windowStart, previous.end - decode(windowTokens.slice(-budget)).length);
  }
  if (start > previous.start && /\s/.test(text[start - 1] ?? '')) return start;
  const wordStart = nextWordStart(text, start, previous.end);
  if (wordStart !== null) return wordStart;
  // A run without spaces: any character boundary will do.
  if (isLowSurrogate(text.charCodeAt(start))) start += 1;
  return start > previous.start && start < previous.end ? start : null;
}

/** The first sentence or line start from `start` on that keeps at least half of the overlap, if any. */
function sentenceStartAfter(text: string, start: number, end: number): number | null {
  const tail = text.slice(start, end);
  const candidates = [...sentencePoints(tail), ...splitPoints(tail, LINE_BREAK, atMatch)]
    .map((point) => start + point + tail.slice(point).search(/\S/))
    .filter((point) => end - point >= (end - start) / 2);
  return candidates.length > 0 ? Math.min(...candidates) : null;
}

/**
 * Where the next chunk starts inside `previous` so that the two share at most `budget` tokens: at the
 * start of a sentence or line when that keeps at least half the overlap, else at the start of a word.
 */
function overlapStart(text: string, previous: Chunk, budget: number): { start: number; tokens: number } | null {
  if (budget <= 0) return null;
  const approximate = approximateOverlapStart(text, previous, budget);
  if (approximate === null) return null;
  let start: number | null = sentenceStartAfter(text, approximate, previous.end) ?? approximate;
  // Pieces joined differently can tokenise differently; trust only an exact count.
  while (start !== null) {
    const tokens = countTokens(text.slice(start, previous.end));
    if (tokens <= budget) return { start, tokens };
    start = nextWordStart(text, start, previous.end);
  }
  return null;
}

/**
 * Splits text into chunks of at most `chunkSize` cl100k tokens. Consecutive chunks share up to
 * `chunkOverlap` tokens, except that a chunk starting at a Markdown heading starts cleanly there.
 */
export function chunkText(text: string, options: { chunkSize: number; chunkOverlap: number }): Chunk[] {
  const { chunkSize, chunkOverlap } = options;
  if (!Number.isInteger(chunkSize) || !Number.isInteger(chunkOverlap) || chunkOverlap < 0 || chunkOverlap >= chunkSize) {
    throw new RangeError(`chunkOverlap (${chunkOverlap}) must be a whole number from 0 to below chunkSize (${chunkSize}).`);
  }
  // Pieces leave room for a full overlap in front of them.
  const pieces = splitIntoPieces(text, chunkSize - chunkOverlap);
  const chunks: Chunk[] = [];
  let overlap: { start: number; tokens: number } | null = null;

  for (let first = 0; first < pieces.length; ) {
    const startTokens = overlap?.tokens ?? 0;
    let end = first + 1;
    for (let estimate = startTokens + pieces[first]!.tokens; end < pieces.length; end++) {
      estimate += pieces[end]!.tokens;
      if (estimate > chunkSize || pieces[end]!.boundary === BOUNDARY.run) break;
    }
    let cut = cutIndex(pieces, first, end, startTokens, chunkSize);

    let chunk = makeChunk(text, overlap?.start ?? pieces[first]!.start, pieces[cut - 1]!.end, chunks.length);
    // Estimates add up pieces counted apart; the exact count can differ slightly across their joins.
    while (chunk && chunk.tokenCount > chunkSize && (cut - 1 > first || overlap)) {
      if (cut - 1 > first) cut -= 1;
      else overlap = null;
      chunk = makeChunk(text, overlap?.start ?? pieces[first]!.start, pieces[cut - 1]!.end, chunks.length);
    }

    first = cut;
    overlap = null;
    if (!chunk) continue;
    chunks.push(chunk);
    const following = pieces[first];
    if (following && following.boundary !== BOUNDARY.section) overlap = overlapStart(text, chunk, chunkOverlap);
  }
  return chunks;
}
