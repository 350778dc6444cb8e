import { recordPageFetched } from '@/db/queries/web-pages';
import { readableOffThread } from '@/server/ingest/off-thread';
import { submitDocument, type DocumentInput } from '@/server/ingest/submit';
import type { Services } from '@/server/services';
import type { AddressPolicy } from './address-policy';
import { fetchFromWeb } from './safe-fetch';

export interface PageTarget {
  /** The address asked for: the document's source, so fetching it again finds the same document. */
  url: string;
  vaultId: string;
  /** Whose write access stores the page. */
  userId: string;
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** "guide" for https://example.com/docs/guide.html, the host for the site's root. */
function pageName(url: URL): string {
  const last = decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? '');
  return last || url.hostname;
}

/**
 * Fetches one page and submits it as a document whose source is the page's address: HTML as the readable article
 * (Readability, in an ingestion thread), anything else (PDF, DOCX, text…) as served, for the extractors to read by content. The submission
 * replaces an earlier version under the same document id, and is a no-op when the content has not changed.
 * Returns the links on the page for a crawl.
 */
export async function fetchPage(
  services: Pick<Services, 'db' | 'config'>,
  policy: AddressPolicy,
  target: PageTarget,
  signal: AbortSignal,
): Promise<{ documentId: string; links: string[] }> {
  const { web } = services.config;
  const resource = await fetchFromWeb(target.url, policy, { maxBytes: web.maxBytes, timeoutMs: web.timeoutMs }, signal);
  const isHtml = resource.mediaType ? HTML_TYPES.has(resource.mediaType) : /^\s*<(!doctype html|html)/i.test(Buffer.from(resource.body.subarray(0, 64)).toString());
  let input: DocumentInput;
  let links: string[] = [];
  if (isHtml) {
    const page = await readableOffThread(services.config, { body: resource.body, charset: resource.charset, url: resource.url }, signal);
    links = page.links;
    input = {
      content: new TextEncoder().encode(page.html),
      filename: `${pageName(resource.url).replace(/\.[a-z0-9]{1,8}$/i, '')}.html`,
      mimeType: 'text/html',
      title: page.title,
    };
  } else {
    input = { content: resource.body, filename: pageName(resource.url), mimeType: resource.mediaType };
  }
  const submission = await submitDocument(services, { userId: target.userId }, { ...input, source: target.url, vaultId: target.vaultId });
  await recordPageFetched(services.db, {
    documentId: submission.documentId,
    source: target.url,
    finalUrl: resource.url.toString(),
    changed: !submission.deduplicated,
    addedBy: target.userId,
  });
  return { documentId: submission.documentId, links };
}
