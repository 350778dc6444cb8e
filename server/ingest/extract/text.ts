import { normalizeWhitespace } from './normalize';
import type { ExtractedContent } from './types';

/** Decodes bytes honouring a UTF-8/UTF-16 byte-order mark; invalid UTF-8 is taken to be Windows-1252. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Legacy 8-bit text exported from older office software is usually Windows-1252.
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

const TOP_LEVEL_HEADING = /^# +(.+)$/m;
const ANY_HEADING = /^#{1,6} +(.+)$/m;

/** The first top-level Markdown heading, else the first heading of any level. */
export function firstHeading(text: string): string | null {
  const match = TOP_LEVEL_HEADING.exec(text) ?? ANY_HEADING.exec(text);
  const heading = match?.[1]?.replace(/\s+#+\s*$/, '').trim();
  return heading || null;
}

export function extractPlainText(bytes: Uint8Array): ExtractedContent {
  return { text: normalizeWhitespace(decodeText(bytes), { keepIndentation: true }), title: null };
}

/** Markdown stays Markdown: its headings and lists are what the chunker splits on. */
export function extractMarkdown(bytes: Uint8Array): ExtractedContent {
  const text = normalizeWhitespace(decodeText(bytes), { keepIndentation: true });
  return { text, title: firstHeading(text) };
}
