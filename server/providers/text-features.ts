/**
 * Tokenisation shared by the offline embedder and the extractive answerer, so
 * that what retrieval considers a match is also what answering considers one.
 */

const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing don doesn didn down during each few for from further had ' +
    'has have having he her here hers herself him himself his how i if in into is isn it its itself just me more ' +
    'most my myself no nor not now of off on once only or other our ours ourselves out over own same she should ' +
    'so some such than that the their theirs them themselves then there these they this those through to too ' +
    'under until up very was wasn we were what when where which while who whom why will with won would you your ' +
    'yours yourself yourselves'
  ).split(' '),
);

// A word is a run of letters/digits; runs joined by - _ . / form one compound
// token (product codes like "xk-2041", versions like "2.5.1", paths). A trailing
// apostrophe suffix ("company's", "don't") is matched but not kept.
const TOKEN = /([\p{L}\p{N}]+(?:[-_./][\p{L}\p{N}]+)*)(?:['’]\p{L}+)?/gu;
const SPLIT_COMPOUND = /[-_./]/;
const LONE_LATIN_LETTER = /^[a-z]$/; // "e.g." parts, initials: noise, unlike a lone CJK character
const HAS_DIGIT = /\p{N}/u;
const HAS_VOWEL = /[aeiouy]/;

/**
 * Light suffix stripping: conflates plural/tense variants ("configured",
 * "configures", "configuring" -> "configur") without a full Porter stemmer.
 */
export function stem(word: string): string {
  if (word.length <= 3 || HAS_DIGIT.test(word)) return word;
  if (/ie[sd]$/.test(word) && word.length > 4) return word.slice(0, -3) + 'y';
  if (word.endsWith('sses')) return word.slice(0, -2);
  let w = word;
  // -ing/-ed only when a vowel remains, so "string" and "shred" survive intact.
  if (w.endsWith('ing') && HAS_VOWEL.test(w.slice(0, -3))) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4 && HAS_VOWEL.test(w.slice(0, -2))) w = undouble(w.slice(0, -2));
  else if (/(?:ss|sh|ch|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  return w.length > 3 && w.endsWith('e') ? w.slice(0, -1) : w;
}

// "stopped" -> "stopp" -> "stop"; keeps ll/ss/zz which are usually part of the root.
function undouble(w: string): string {
  const n = w.length;
  return n > 3 && w[n - 1] === w[n - 2] && !'lsz'.includes(w[n - 1]!) ? w.slice(0, -1) : w;
}

function isContentWord(word: string): boolean {
  return !STOPWORDS.has(word) && !LONE_LATIN_LETTER.test(word);
}

/**
 * Visits each non-stopword word of `text` in order, lowercased and unstemmed.
 * A compound token is visited once whole (compound = true) and then part by part.
 */
export function forEachWord(text: string, visit: (word: string, compound: boolean) => void): void {
  for (const m of text.toLowerCase().matchAll(TOKEN)) {
    const token = m[1]!;
    if (!SPLIT_COMPOUND.test(token)) {
      if (isContentWord(token)) visit(token, false);
      continue;
    }
    visit(token, true);
    for (const part of token.split(SPLIT_COMPOUND)) {
      if (isContentWord(part)) visit(part, false);
    }
  }
}

/** Distinct match terms of a text: stems of plain words plus whole compound tokens. */
export function termSet(text: string): Set<string> {
  const terms = new Set<string>();
  forEachWord(text, (word, compound) => terms.add(compound ? word : stem(word)));
  return terms;
}

/** Whitespace-separated word count: the "token" unit offline models report in usage. */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c <= 32 || c === 0xa0; // ASCII controls/space and NBSP cover real text well enough for usage
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}
