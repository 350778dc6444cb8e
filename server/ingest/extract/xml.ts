import { Parser } from 'htmlparser2';
import { containsAscii } from './signatures';
import { ExtractionError } from './types';

/**
 * A streaming walk over one XML part of an office or e-book file. Entities are never expanded: only the five XML
 * ones and numeric references are decoded, and a part that declares its own (the "billion laughs" attack, which
 * no office program writes) is refused as soon as the declaration is seen, which is before any element. Elements are named without their namespace prefix
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
const ENTITY = '<!ENTITY';

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

type PartStream = (consume: (chunk: Uint8Array) => void) => void;
/** A part's bytes, or a function that hands them over a slice at a time (ZipArchive.stream). */
export type XmlSource = Uint8Array | PartStream;

function slices(bytes: Uint8Array): PartStream {
  return (consume) => {
    for (let at = 0; at < bytes.length; at += SLICE_BYTES) consume(bytes.subarray(at, at + SLICE_BYTES));
  };
}

export function walkXml(source: XmlSource, handlers: XmlHandlers): void {
  const parser = new Parser(
    {
      onopentag: (name, attributes) => handlers.open?.(localName(name), attributes),
      ontext: (text) => handlers.text?.(text),
      onclosetag: (name) => handlers.close?.(localName(name)),
    },
    { xmlMode: true, decodeEntities: true },
  );
  const decoder = new TextDecoder('utf-8');
  // The end of the previous slice, so a declaration cut in two by a slice boundary is still seen.
  let tail = '';
  const feed = typeof source === 'function' ? source : slices(source);
  feed((chunk) => {
    const text = decoder.decode(chunk, { stream: true });
    if ((tail + text).includes(ENTITY)) throw new ExtractionError(ENTITY_DECLARATION);
    tail = text.slice(-(ENTITY.length - 1));
    parser.write(text);
  });
  parser.end(decoder.decode());
}

/** A part's text as one string, for a reader that needs it whole (an EPUB chapter goes to the HTML reader). */
export function xmlText(bytes: Uint8Array): string {
  if (containsAscii(bytes, ENTITY)) throw new ExtractionError(ENTITY_DECLARATION);
  return new TextDecoder('utf-8').decode(bytes);
}
