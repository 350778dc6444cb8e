const LINE_BREAKS = /\r\n?|[\u2028\u0085]/g;
const PAGE_OR_PARAGRAPH_BREAKS = /[\f\v\u2029]/g;
// Zero-width characters and soft hyphens split words invisibly, which hurts search and token counts.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/g;
const SPACES = /[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;

/**
 * Collapses runs of spaces, trims every line and keeps at most one blank line between paragraphs.
 * `keepIndentation` preserves leading spaces (Markdown code blocks and nested lists depend on them).
 */
export function normalizeWhitespace(text: string, { keepIndentation = false } = {}): string {
  const lines = text
    .replace(LINE_BREAKS, '\n')
    .replace(PAGE_OR_PARAGRAPH_BREAKS, '\n\n')
    .replace(INVISIBLE, '')
    .replace(CONTROL, '')
    .split('\n')
    .map((line) => normalizeLine(line, keepIndentation));
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\s+$/g, '');
}

function normalizeLine(line: string, keepIndentation: boolean): string {
  const trimmed = line.trimEnd();
  const body = trimmed.trimStart();
  const indentation = keepIndentation ? trimmed.slice(0, trimmed.length - body.length) : '';
  return indentation + body.replace(SPACES, ' ');
}
