import { Parser } from 'htmlparser2';
import { containsAscii } from './signatures';
import { ExtractionError } from './types';

/**
 * A streaming walk over one XML part of an office or e-book file. Entities are never expanded: only the five XML
 * ones and numeric references are decoded, and a part that declares its own (the "billion laughs" attack, which
 * no office program writes) is refused before it is parsed. Elements are named without their namespace prefix
 * ("a:t" is "t"); attributes keep theirs ("table:number-columns-repeated").
 */
export interface XmlHandlers {
  open?(name: string, attributes: Record<string, string>): void;
  text?(text: string): void;
  close?(name: string): void;
}

const ENTITY_DECLARATION =
  'This file declares XML entities, a construction used to exhaust servers (the "billion laughs" attack) that office programs never write, so it was not read.';
// Decoded a slice at a time: the parser never holds a part as one string.
const SLICE_BYTES = 1024 * 1024;

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

export function walkXml(bytes: Uint8Array, handlers: XmlHandlers): void {
  if (containsAscii(bytes, '<!ENTITY')) throw new ExtractionError(ENTITY_DECLARATION);
  const parser = new Parser(
    {
      onopentag: (name, attributes) => handlers.open?.(localName(name), attributes),
      ontext: (text) => handlers.text?.(text),
      onclosetag: (name) => handlers.close?.(localName(name)),
    },
    { xmlMode: true, decodeEntities: true },
  );
  const decoder = new TextDecoder('utf-8');
  for (let at = 0; at < bytes.length; at += SLICE_BYTES) {
    parser.write(decoder.decode(bytes.subarray(at, at + SLICE_BYTES), { stream: true }));
  }
  parser.end(decoder.decode());
}

/** A part's text as one string, for the small parts that name other parts (relationships, manifests). */
export function xmlText(bytes: Uint8Array): string {
  if (containsAscii(bytes, '<!ENTITY')) throw new ExtractionError(ENTITY_DECLARATION);
  return new TextDecoder('utf-8').decode(bytes);
}
