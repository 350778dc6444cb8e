import { tooManyChars, type DocumentLimits } from './limits';
import { normalizeWhitespace } from './normalize';
import { decodeText } from './text';
import { ExtractionError, type ExtractedContent } from './types';

/**
 * Plain text of an RTF document, read in one pass: groups, control words and escapes, with the groups that
 * are not body text (font and colour tables, pictures, headers, anything marked `\*`) skipped. The `\info`
 * group's `\title` becomes the title. Text bytes (`\'hh`) are Windows-1252, as nearly all RTF writers use.
 */

const SKIPPED_DESTINATIONS = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'info', 'pict', 'object', 'header', 'headerl', 'headerr', 'headerf',
  'footer', 'footerl', 'footerr', 'footerf', 'listtable', 'listoverridetable', 'rsidtbl', 'generator',
  'themedata', 'colorschememapping', 'datastore', 'latentstyles', 'xmlnstbl', 'filetbl', 'revtbl', 'fldinst',
  'footnote', 'annotation', 'bkmkstart', 'bkmkend', 'nonshppict', 'mmathPr', 'pgdsctbl',
]);

const SYMBOLS: Record<string, string> = {
  par: '\n', line: '\n', sect: '\n\n', page: '\n\n', tab: '\t', cell: ' | ', row: '\n',
  emdash: '—', endash: '–', bullet: '•', lquote: '‘', rquote: '’', ldblquote: '“', rdblquote: '”', emspace: ' ', enspace: ' ',
};

interface Group {
  skip: boolean;
  title: boolean;
  /** Fallback characters to skip after a `\u` Unicode escape. */
  unicodeSkip: number;
}

// Word nests groups a few dozen deep; thousands of levels only serve to exhaust memory.
const MAX_GROUP_DEPTH = 1000;
const TOO_DEEP = 'This RTF document is damaged: its groups are nested more than 1,000 deep, which no word processor writes.';

const PLAIN_RUN = /[^\\{}\r\n]+/y;
const CONTROL_WORD = /\\([a-z]{1,32})(-?\d{1,10})? ?/y;

export function extractRtf(bytes: Uint8Array, limits: DocumentLimits): ExtractedContent {
  const rtf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const stack: Group[] = [];
  let group: Group = { skip: false, title: false, unicodeSkip: 1 };
  let out = '';
  let title = '';
  let pendingSkip = 0;
  let firstInGroup = false;
  const emit = (text: string) => {
    if (pendingSkip > 0) {
      pendingSkip -= 1;
      return;
    }
    if (group.title) title += text;
    else if (!group.skip) out += text;
  };

  for (let at = 0; at < rtf.length; ) {
    if (out.length > limits.maxChars) throw new ExtractionError(tooManyChars(limits));
    const char = rtf[at]!;
    if (char === '{') {
      if (stack.length >= MAX_GROUP_DEPTH) throw new ExtractionError(TOO_DEEP);
      stack.push(group);
      group = { ...group };
      firstInGroup = true;
      at += 1;
      continue;
    }
    if (char === '}') {
      group = stack.pop() ?? group;
      firstInGroup = false;
      at += 1;
      continue;
    }
    if (char === '\r' || char === '\n') {
      at += 1;
      continue;
    }
    if (char !== '\\') {
      PLAIN_RUN.lastIndex = at;
      const run = PLAIN_RUN.exec(rtf)![0];
      at += run.length;
      // Fallback characters after a \u escape stand for the character already emitted.
      const skipped = Math.min(pendingSkip, run.length);
      pendingSkip -= skipped;
      if (run.length > skipped) emit(decodeText(Buffer.from(run.slice(skipped), 'latin1')));
      firstInGroup = false;
      continue;
    }
    const next = rtf[at + 1] ?? '';
    if (next === "'") {
      emit(decodeText(Buffer.from(rtf.slice(at + 2, at + 4), 'hex')));
      at += 4;
    } else if (next === '*') {
      group.skip = true;
      at += 2;
    } else if (next === '~') {
      emit('\u00a0');
      at += 2;
    } else if (next === '\n' || next === '\r') {
      emit('\n');
      at += 2;
    } else if (!/[a-z]/.test(next)) {
      // \\ \{ \} are the characters themselves; \- (optional hyphen) and \_ (non-breaking hyphen) are dropped.
      if (next === '\\' || next === '{' || next === '}') emit(next);
      else if (next === '_') emit('-');
      at += 2;
    } else {
      CONTROL_WORD.lastIndex = at;
      const match = CONTROL_WORD.exec(rtf);
      if (!match) {
        at += 1;
        continue;
      }
      at += match[0].length;
      const [, word, parameter] = match as unknown as [string, string, string | undefined];
      const number = parameter === undefined ? null : Number(parameter);
      if (word === 'bin' && number) at += number;
      else if (firstInGroup && word === 'title' && stack.length > 0) group.title = true;
      else if (SKIPPED_DESTINATIONS.has(word) && firstInGroup) group.skip = true;
      else if (word === 'uc' && number !== null) group.unicodeSkip = number;
      else if (word === 'u' && number !== null) {
        emit(String.fromCharCode(number < 0 ? number + 65536 : number));
        pendingSkip = group.unicodeSkip;
      } else if (SYMBOLS[word]) emit(SYMBOLS[word]);
      firstInGroup = false;
      continue;
    }
    firstInGroup = false;
  }
  const text = normalizeWhitespace(out.replace(/ \| \n/g, '\n'));
  return { text, title: title.trim() || null };
}
