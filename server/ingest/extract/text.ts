import { normalizeWhitespace } from './normalize';
import { SIGNATURES, startsWith } from './signatures';
import type { ExtractedContent } from './types';

/** Decodes bytes honouring a UTF-8/UTF-16 byte-order mark; invalid UTF-8 is taken to be Windows-1252. */
export function decodeText(bytes: Uint8Array): string {
  if (startsWith(bytes, SIGNATURES.utf8)) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (startsWith(bytes, SIGNATURES.utf16le)) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, SIGNATURES.utf16be)) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Legacy 8-bit text exported from older office software is usually Windows-1252.
    return decodeWindows1252(bytes);
  }
}

// What Windows-1252 puts at 0x80-0x9F, where ISO-8859-1 has control characters (five are unassigned).
const WINDOWS_1252_0X80_TO_0X9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** By hand, because Node 20's TextDecoder decodes 'windows-1252' as ISO-8859-1. */
function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252_0X80_TO_0X9F[char.charCodeAt(0) - 0x80] ?? char);
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
