/**
 * Titles found inside files are often placeholders left by the program that wrote them: a browser's
 * "about:blank", Word's "Microsoft Word - report.doc", "Untitled", "Slide 1". Such a title says less than the
 * file name, so it is dropped and the document keeps the name it was uploaded under.
 */
const PLACEHOLDERS = new Set([
  'about:blank',
  'untitled',
  'untitled document',
  'no title',
  'title',
  'document',
  'new document',
  'blank',
  'null',
  'undefined',
  'none',
  'home',
  'index',
  'powerpoint presentation',
  'presentation',
  'slide 1',
  'page 1',
  'draft',
]);

// "Microsoft Word - x.doc", "Microsoft PowerPoint - x", "Untitled-1", "Document1", a path or a bare file name.
const GENERATED = [
  /^microsoft (word|excel|powerpoint)\b/i,
  /^(untitled|document|doc|book|presentation)[\s_-]*\d*$/i,
  /^[a-z]:\\/i,
  /^\/?([\w.-]+\/)+[\w.-]+$/,
  /^[\w-]+\.(docx?|pdf|pptx?|xlsx?|rtf|odt|txt|html?|indd|qxd|tmp)$/i,
];

/** The title to keep, or null when it is empty or junk (the file name is used then). */
export function usableTitle(found: string | null | undefined): string | null {
  const title = found?.replace(/\s+/g, ' ').trim();
  if (!title) return null;
  // Only punctuation, symbols or digits: "---", "***", "1", "( )".
  if (!/\p{L}/u.test(title)) return null;
  if (PLACEHOLDERS.has(title.toLowerCase())) return null;
  if (GENERATED.some((pattern) => pattern.test(title))) return null;
  return title;
}
