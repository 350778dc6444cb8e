import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * A deterministic corpus of real text found on this machine, mixed by format: HTML manuals from
 * /usr/share/doc, Markdown READMEs from node_modules, and plain-text changelogs (gzipped in /usr/share/doc).
 */

export interface CorpusDocument {
  filename: string;
  mimeType: string;
  content: Uint8Array;
}

const MAX_DOCUMENT_BYTES = 200 * 1024;

/** Files under `dir` larger than `minBytes` that `accept` takes, in a deterministic (sorted) order. */
export function walk(dir: string, accept: (file: string) => boolean, minBytes = 2048, out: string[] = []): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry);
    const stat = statSync(full, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory()) walk(full, accept, minBytes, out);
    else if (stat.isFile() && stat.size > minBytes && accept(full)) out.push(full);
  }
  return out;
}

function take(files: string[], budget: number, read: (file: string) => Buffer, mimeType: string): CorpusDocument[] {
  const documents: CorpusDocument[] = [];
  let used = 0;
  for (const file of files) {
    if (used >= budget) break;
    const bytes = read(file).subarray(0, MAX_DOCUMENT_BYTES);
    documents.push({ filename: file, mimeType, content: new Uint8Array(bytes) });
    used += bytes.byteLength;
  }
  return documents;
}

/** About `totalBytes` of documents: 40% HTML, 30% Markdown, 30% plain text, interleaved. */
export function buildCorpus(totalBytes: number, root = process.cwd()): CorpusDocument[] {
  const html = take(walk('/usr/share/doc', (f) => f.endsWith('.html')), totalBytes * 0.4, readFileSync, 'text/html');
  const markdown = take(
    walk(path.join(root, 'node_modules'), (f) => f.toLowerCase().endsWith('.md')),
    totalBytes * 0.3,
    readFileSync,
    'text/markdown',
  );
  const text = take(
    walk('/usr/share/doc', (f) => /changelog(\.Debian)?\.gz$/i.test(f)),
    totalBytes * 0.3,
    (f) => gunzipSync(readFileSync(f)),
    'text/plain',
  );
  const mixed: CorpusDocument[] = [];
  for (let i = 0; i < Math.max(html.length, markdown.length, text.length); i++) {
    for (const list of [html, markdown, text]) if (list[i]) mixed.push(list[i]!);
  }
  return mixed;
}

export function corpusBytes(corpus: CorpusDocument[]): number {
  return corpus.reduce((sum, d) => sum + d.content.byteLength, 0);
}
