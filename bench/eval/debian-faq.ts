import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { MIN_ANSWER_WORDS, wordCount, type AnswerPassage, type QuestionSet } from './question-set';

const FAQ_TEXT = '/usr/share/doc/debian/FAQ/debian-faq.en.txt.gz';

// "7.12. How do I put a package on hold?" at the start of a line; a long question wraps onto lines that also
// start at column 0. The table of contents is indented, so it never matches.
const SECTION = /^(\d+(?:\.\d+)+)\.\s+(\S.*)$/;
const CHAPTER = /^Chapter \d+\./;
// "see Section 12.1, “What other documentation exists…?”": the quoted title is another question's text.
const QUOTED_CROSS_REFERENCE = /(Section [\d.]+\d),\s*“[^”]*”/g;

function dedent(lines: string[]): string {
  return lines
    .map((line) => line.replace(/^ {4}/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The Debian GNU/Linux FAQ (package debian-faq, plain-text edition): one pair per numbered question. */
export function debianFaq(file = FAQ_TEXT): QuestionSet {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').replaceAll('\u00a0', ' ').split('\n');
  const pairs: AnswerPassage[] = [];
  let current: { number: string; question: string; body: string[] } | null = null;
  const flush = () => {
    if (!current || !current.question.includes('?')) return;
    const answer = dedent(current.body).replace(QUOTED_CROSS_REFERENCE, '$1');
    if (wordCount(answer) >= MIN_ANSWER_WORDS) pairs.push({ id: `debian-faq §${current.number}`, question: current.question, answer });
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const section = SECTION.exec(line);
    if (section || CHAPTER.test(line)) {
      flush();
      current = null;
      if (!section) continue;
      let question = section[2]!.trim();
      while (lines[i + 1] && /^\S/.test(lines[i + 1]!)) question += ` ${lines[++i]!.trim()}`;
      current = { number: section[1]!, question, body: [] };
      continue;
    }
    current?.body.push(line);
  }
  flush();
  return {
    name: 'debian-faq',
    debianPackage: 'debian-faq',
    description: 'The Debian GNU/Linux FAQ (debian-faq 11.1, plain-text edition)',
    pairs,
  };
}
