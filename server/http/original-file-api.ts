import { requireUser } from '@/server/auth/caller';
import { readOriginalFile } from '@/server/documents/viewer';
import { decodeText } from '@/server/ingest/extract';
import { getServices } from '@/server/services';
import { idParam } from './id-param';
import type { RouteHandler } from './route-table';

/**
 * GET /api/documents/{id}/original: the file as it was uploaded (or the text as it was ingested), to people who
 * may read its document (404 otherwise, as for a document that does not exist). A document's own bytes are
 * untrusted: nothing in them may run on Docent's origin. Text, Markdown, CSV and HTML are shown as UTF-8 plain text
 * in a sandbox (an HTML original's scripts never run, it is not even parsed as HTML); a PDF is a PDF; office files
 * and e-books, which no browser shows, and anything asked for with `?download=1`, are attachments.
 */

const TEXT_TYPES = new Set(['text/plain', 'text/markdown', 'text/html', 'text/csv']);
// No scripts, plugins, forms or same-origin access even if a browser were talked into rendering the bytes.
const SANDBOXED = "sandbox; default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
// A PDF opens in the browser's own viewer, which a sandbox would stop; it may load nothing and run nothing.
const PDF_POLICY = "default-src 'none'; object-src 'self'; frame-ancestors 'none'";

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'text/markdown': 'md',
  'text/html': 'html',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/epub+zip': 'epub',
  'application/rtf': 'rtf',
  'text/csv': 'csv',
};

/** RFC 6266: an ASCII fallback name and the exact one, percent-encoded (RFC 8187). */
function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export const getOriginalFile: RouteHandler = async (request, { params, caller }) => {
  const services = await getServices();
  const documentId = idParam(params, 'Document');
  const original = await readOriginalFile(services, requireUser(caller), documentId);
  const mimeType = original.mimeType ?? 'application/octet-stream';
  const filename = original.filename ?? `document-${documentId.slice(0, 8)}.${EXTENSIONS[mimeType] ?? 'bin'}`;
  const download = new URL(request.url).searchParams.get('download') === '1';
  const headers = new Headers({ 'cache-control': 'private, no-cache', 'x-content-type-options': 'nosniff' });
  let body: BodyInit = Buffer.from(original.content);

  if (download || !(TEXT_TYPES.has(mimeType) || mimeType === 'application/pdf')) {
    headers.set('content-type', mimeType === 'text/html' ? 'text/html; charset=utf-8' : mimeType);
    headers.set('content-disposition', contentDisposition('attachment', filename));
    headers.set('content-security-policy', SANDBOXED);
  } else if (mimeType === 'application/pdf') {
    headers.set('content-type', 'application/pdf');
    headers.set('content-disposition', contentDisposition('inline', filename));
    headers.set('content-security-policy', PDF_POLICY);
  } else {
    // Legacy encodings and UTF-16 are decoded as they were for indexing, so the browser gets UTF-8 it can show.
    body = decodeText(original.content);
    headers.set('content-type', 'text/plain; charset=utf-8');
    headers.set('content-disposition', contentDisposition('inline', filename));
    headers.set('content-security-policy', SANDBOXED);
  }
  return new Response(body, { headers });
};
