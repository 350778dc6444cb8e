import { htmlToText } from './html';
import { tooManyChars, type DocumentLimits } from './limits';
import { firstElementText, requiredPart, resolvePart } from './package-parts';
import { ExtractionError, type ExtractedContent, type TextSection } from './types';
import { walkXml, xmlText, type XmlSource } from './xml';
import { openZip, type ZipArchive } from './zip';

const DAMAGED = 'This e-book (EPUB) is damaged and cannot be read; open it in an e-book program, save a new copy and upload that.';
const SEPARATOR = '\n\n';

/** The package document (.opf) named by META-INF/container.xml. */
function packagePath(zip: ZipArchive): string {
  let path: string | null = null;
  walkXml(requiredPart(zip, 'META-INF/container.xml', DAMAGED), {
    open(name, attributes) {
      if (name === 'rootfile' && !path && attributes['full-path']) path = attributes['full-path'];
    },
  });
  if (!path) throw new ExtractionError(DAMAGED);
  return path;
}

/** The spine (reading order) as part names. */
function readingOrder(opf: XmlSource, opfPath: string): string[] {
  const manifest = new Map<string, string>();
  const spine: string[] = [];
  walkXml(opf, {
    open(name, attributes) {
      if (name === 'item' && attributes.id && attributes.href) manifest.set(attributes.id, resolvePart(opfPath, attributes.href));
      else if (name === 'itemref' && attributes.idref && attributes.linear !== 'no') spine.push(attributes.idref);
    },
  });
  return spine.flatMap((id) => manifest.get(id) ?? []);
}

/** Each chapter of the reading order through the HTML reader, a section of its own. */
export function extractEpub(bytes: Uint8Array, limits: DocumentLimits): ExtractedContent {
  const zip = openZip(bytes);
  const opfPath = packagePath(zip);
  const opf = requiredPart(zip, opfPath, DAMAGED);
  const chapters: string[] = [];
  const sections: TextSection[] = [];
  let offset = 0;
  for (const path of readingOrder(opf, opfPath)) {
    const part = zip.read(path);
    if (!part) continue;
    const text = htmlToText(xmlText(part));
    if (!text) continue;
    if (offset + text.length > limits.maxChars) throw new ExtractionError(tooManyChars(limits));
    sections.push({ start: offset, end: offset + text.length });
    chapters.push(text);
    offset += text.length + SEPARATOR.length;
  }
  return { text: chapters.join(SEPARATOR), title: firstElementText(opf, 'title'), sections };
}
