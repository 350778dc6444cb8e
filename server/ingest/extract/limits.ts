/** How large a document may be once read (MAX_DOCUMENT_PAGES, MAX_DOCUMENT_CHARS). */
export interface DocumentLimits {
  maxPages: number;
  maxChars: number;
}

export const NO_LIMITS: DocumentLimits = { maxPages: Infinity, maxChars: Infinity };

const count = (n: number) => n.toLocaleString('en-US');

export function tooManyPages(pages: number, limits: DocumentLimits): string {
  return `This PDF has ${count(pages)} pages; Docent reads at most ${count(limits.maxPages)} (MAX_DOCUMENT_PAGES). Split it into smaller files.`;
}

export function tooManyChars(limits: DocumentLimits, chars?: number): string {
  const size = chars === undefined ? `more than ${count(limits.maxChars)}` : count(chars);
  return `This document has ${size} characters of text; Docent reads at most ${count(limits.maxChars)} (MAX_DOCUMENT_CHARS). Split it into smaller files.`;
}
