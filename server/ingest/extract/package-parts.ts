import { posix } from 'node:path';
import { walkXml, type XmlSource } from './xml';
import { ExtractionError } from './types';
import type { ZipArchive } from './zip';

/** Reading the parts of an Office Open XML or OpenDocument package: required parts, relationships, the title. */

/** A part, inflated a slice at a time as it is read (a worksheet may be large); null when the package has none. */
export function part(zip: ZipArchive, name: string): XmlSource | null {
  return zip.has(name) ? (consume) => void zip.stream(name, consume) : null;
}

export function requiredPart(zip: ZipArchive, name: string, damaged: string): XmlSource {
  const found = part(zip, name);
  if (!found) throw new ExtractionError(damaged);
  return found;
}

/** `target` as a part name, relative to the part `from` (OOXML targets are relative to their source part's folder). */
export function resolvePart(from: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : posix.join(posix.dirname(from), target);
  return posix.normalize(decoded(path));
}

/** Percent-escapes decoded; a malformed one is taken literally (the part is then simply not found). */
function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export interface Relationship {
  target: string;
  type: string;
}

/** A part's relationships (its `_rels/<name>.rels`) by id, targets resolved to part names; external ones left out. */
export function relationshipsOf(zip: ZipArchive, from: string): Map<string, Relationship> {
  const relationships = new Map<string, Relationship>();
  const rels = zip.read(posix.join(posix.dirname(from), '_rels', `${posix.basename(from)}.rels`));
  if (!rels) return relationships;
  walkXml(rels, {
    open(name, attributes) {
      if (name !== 'Relationship' || attributes.TargetMode === 'External' || !attributes.Id || !attributes.Target) return;
      relationships.set(attributes.Id, { target: resolvePart(from, attributes.Target), type: attributes.Type ?? '' });
    },
  });
  return relationships;
}

/** The text of the first `element` in a part (a title in docProps/core.xml, meta.xml or an OPF), or null. */
export function firstElementText(source: XmlSource | null, element: string): string | null {
  if (!source) return null;
  let depth = 0;
  let text = '';
  let done = false;
  walkXml(source, {
    open(name) {
      if (depth > 0) depth += 1;
      else if (name === element && !done) depth = 1;
    },
    text(chunk) {
      if (depth > 0) text += chunk;
    },
    close() {
      if (depth === 0) return;
      depth -= 1;
      if (depth === 0) done = true;
    },
  });
  return text.replace(/\s+/g, ' ').trim() || null;
}
