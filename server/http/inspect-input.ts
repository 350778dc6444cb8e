import { AppError, describeProblems, type FieldProblem } from '@/server/errors';

/**
 * What no endpoint accepts in any field, checked before a schema sees the input: NUL characters (PostgreSQL cannot
 * store them in text or JSON, so they failed deep inside a query with a 500; refused here with the field named,
 * never stripped, because a NUL in a name, a question or metadata is never the sender's intent) and JSON nested
 * deeper than MAX_JSON_DEPTH (harmless to parse, since JSON.parse does not recurse, but later stages such as
 * JSON.stringify and superjson do, and overflowed the stack: a 500).
 */
export const MAX_JSON_DEPTH = 64;

const NUL = '\u0000';
const NO_NUL = 'must not contain NUL characters (\\u0000)';

interface Frame {
  value: unknown;
  depth: number;
  key: string | null;
  parent: Frame | null;
}

function pathOf(frame: Frame): string | null {
  const keys: string[] = [];
  for (let current: Frame | null = frame; current?.key != null; current = current.parent) keys.unshift(current.key);
  return keys.length > 0 ? keys.join('.') : null;
}

/** The first NUL or over-deep nesting in a parsed JSON value, walked with a stack of its own, not recursion. */
export function inputProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): FieldProblem | null {
  const stack: Frame[] = [{ value, depth: 0, key: null, parent: null }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const current = frame.value;
    if (typeof current === 'string') {
      if (current.includes(NUL)) return { field: pathOf(frame), message: NO_NUL };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (frame.depth >= maxDepth) return { field: pathOf(frame), message: `is nested more than ${maxDepth} levels deep` };
    for (const [key, child] of Object.entries(current)) {
      if (key.includes(NUL)) return { field: pathOf(frame), message: `has a key that ${NO_NUL}` };
      stack.push({ value: child, depth: frame.depth + 1, key, parent: frame });
    }
  }
  return null;
}

function invalid(problem: FieldProblem): AppError {
  return new AppError('VALIDATION_ERROR', `Invalid request: ${describeProblems([problem])}`, [problem]);
}

/** 422 for a JSON body or tRPC input with a NUL character or nested too deep. */
export function assertCleanInput(value: unknown): void {
  const problem = inputProblem(value);
  if (problem) throw invalid(problem);
}

/** 422 for a single text (a form field, a file name, a query parameter) with a NUL character. */
export function assertCleanText(field: string, value: string): void {
  if (value.includes(NUL)) throw invalid({ field, message: NO_NUL });
}

/** 422 for a query parameter (name or value) with a NUL character. */
export function assertCleanQuery(url: URL): void {
  for (const [name, value] of url.searchParams) {
    assertCleanText('query', name);
    assertCleanText(name, value);
  }
}
