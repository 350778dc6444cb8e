import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MIN_ANSWER_WORDS, wordCount, type AnswerPassage, type QuestionSet } from './question-set';

const FAQ_SOURCES = '/usr/share/doc/python3.11/html/_sources/faq';

// reStructuredText section adornment: a line of one repeated punctuation character.
const ADORNMENT = /^([=\-~^"'`#*+.:_])\1{2,}\s*$/;

/**
 * The text a reader of the rendered page sees: roles and links reduced to their text. A bare cross-reference
 * (:ref:`label`) renders as the title of the section it points to, another question, so it is dropped.
 */
function readable(rst: string): string {
  return rst
    .split('\n')
    .filter((line) => !/^\s*\.\.\s+(?:[\w-]+::|_[^:]+:)/.test(line))
    .join('\n')
    .replace(/:ref:`[^`<]*`/g, '')
    .replace(/:[\w:-]+:`([^`<]*?)\s*<[^>]*>`/g, '$1')
    .replace(/:[\w:-]+:`[~!]?([^`]*)`/g, '$1')
    .replace(/`([^`<]*?)\s*<[^>]*>`__?/g, '$1')
    .replace(/``([^`]*)``/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function pairsOf(file: string): AnswerPassage[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const pairs: AnswerPassage[] = [];
  const chapter = path.basename(file, '.rst.txt');
  let current: { question: string; body: string[] } | null = null;
  const flush = () => {
    if (!current || !current.question.endsWith('?')) return;
    const answer = readable(current.body.join('\n'));
    if (wordCount(answer) >= MIN_ANSWER_WORDS) pairs.push({ id: `python-faq ${chapter} #${pairs.length + 1}`, question: readable(current.question), answer });
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1] ?? '';
    const title = line.trim();
    if (title && /^\S/.test(line) && !ADORNMENT.test(line) && ADORNMENT.test(next) && next.trim().length >= title.length - 1) {
      // An overlined title: the line above is its overline, not part of the previous answer.
      if (current && ADORNMENT.test(lines[i - 1] ?? '')) current.body.pop();
      flush();
      current = { question: title, body: [] };
      i++;
      continue;
    }
    current?.body.push(line);
  }
  flush();
  return pairs;
}

/** The Python FAQs (package python3.11-doc, the reStructuredText sources of docs.python.org/3.11/faq). */
export function pythonFaq(dir = FAQ_SOURCES): QuestionSet {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.rst.txt') && name !== 'index.rst.txt')
    .sort();
  return {
    name: 'python-faq',
    debianPackage: 'python3.11-doc',
    description: 'The Python 3.11 FAQs (python3.11-doc: general, programming, design, library, extending, windows, gui, installed)',
    pairs: files.flatMap((name) => pairsOf(path.join(dir, name))),
  };
}
