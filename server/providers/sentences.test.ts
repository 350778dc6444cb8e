import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences';

describe('splitSentences', () => {
  it.each([
    ['an abbreviated title', 'Its chief engineer was Dr. Hanna Vottel. She joined in 1998.', ['Its chief engineer was Dr. Hanna Vottel.', 'She joined in 1998.']],
    ['e.g. and i.e.', 'Use a tool, e.g. grep, to search. That is, i.e. the second one, is right.', ['Use a tool, e.g. grep, to search.', 'That is, i.e. the second one, is right.']],
    ['U.S.', 'The U.S. office opened in 2020. It has ten staff.', ['The U.S. office opened in 2020.', 'It has ten staff.']],
    ['decimals', 'Pi is about 3.14 and e is 2.718. Both are irrational.', ['Pi is about 3.14 and e is 2.718.', 'Both are irrational.']],
    ['versions', 'Upgrade to v2.5.1 before Friday. Python 3.11 is supported.', ['Upgrade to v2.5.1 before Friday.', 'Python 3.11 is supported.']],
    ['URLs', 'See https://example.com/docs/v1.2/index.html for details. Then restart.', ['See https://example.com/docs/v1.2/index.html for details.', 'Then restart.']],
    ['an e-mail address', 'Contact support@example.com for help. We answer daily.', ['Contact support@example.com for help.', 'We answer daily.']],
    ['dotted names in code', 'Call os.path.join() to build paths. Open README.md next.', ['Call os.path.join() to build paths.', 'Open README.md next.']],
    ['times', 'Mr. Smith met Ms. Jones at 5 p.m. on Monday. They talked.', ['Mr. Smith met Ms. Jones at 5 p.m. on Monday.', 'They talked.']],
    ['questions and exclamations', 'The result was 42! Nobody expected that. Was it luck?', ['The result was 42!', 'Nobody expected that.', 'Was it luck?']],
  ])('keeps %s inside its sentence', (_, text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });

  it('joins lines that only wrap a sentence, as in hard-wrapped text files', () => {
    const text = '    Debian GNU/Linux is a particular distribution of the Linux\n    operating system, and numerous packages that run on it.\n\n    It is free.';
    expect(splitSentences(text)).toEqual(['Debian GNU/Linux is a particular distribution of the Linux operating system, and numerous packages that run on it.', 'It is free.']);
  });

  it('makes each list item a sentence of its own, wrapped items included, markers removed', () => {
    const text = [
      'Steps:',
      '1. Install the package.',
      '2. Run the server',
      '  * full featured: Debian includes more than 59100 software',
      '    packages at present.',
      '- small memory',
    ].join('\n');
    expect(splitSentences(text)).toEqual([
      'Steps:',
      'Install the package.',
      'Run the server',
      'full featured: Debian includes more than 59100 software packages at present.',
      'small memory',
    ]);
  });

  it('keeps a fenced code block whole and headings apart from the prose under them', () => {
    const text = '# Setup\nInstall it first.\n\n```sh\nnpm install foo.bar\nnpm test\n```\nThen run it. It starts.';
    expect(splitSentences(text)).toEqual(['Setup', 'Install it first.', '```sh\nnpm install foo.bar\nnpm test\n```', 'Then run it.', 'It starts.']);
  });
});
