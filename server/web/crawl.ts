import { recordPageFailure } from '@/db/queries/web-pages';
import type { ClaimedWebFetch } from '@/db/queries/web-fetches';
import { AppError } from '@/server/errors';
import type { Services } from '@/server/services';
import type { AddressPolicy } from './address-policy';
import { fetchPage } from './fetch-page';
import { parseWebUrl } from './resolve-host';
import { crawlRules } from './robots';

export interface CrawlProgress {
  /** Pages queued so far (never more than the fetch's page limit). */
  found: number;
  fetched: number;
  failures: Array<{ url: string; reason: string }>;
}

/** Same site: same scheme, host and port as the page the crawl started from. */
const sameSite = (link: URL, root: URL) => link.origin === root.origin;

function reasonOf(error: unknown): string {
  if (error instanceof AppError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Fetches the page a web fetch names and, breadth first, the same-site pages it links to, up to the fetch's depth
 * and page count. A page that fails is recorded with its reason and its siblings are still fetched; the crawl
 * only throws when it is stopped (signal) or the starting address is not a web address at all. Links the site's
 * robots.txt closes to crawlers are not followed (and use none of the page count).
 */
export async function crawl(
  services: Pick<Services, 'db' | 'config'>,
  policy: AddressPolicy,
  fetch: ClaimedWebFetch & { requestedBy: string },
  options: { signal: AbortSignal; onProgress: (progress: CrawlProgress) => Promise<void> },
): Promise<CrawlProgress> {
  const root = parseWebUrl(fetch.url);
  const seen = new Set([root.toString()]);
  const queue = [{ url: root.toString(), depth: 0 }];
  const progress: CrawlProgress = { found: 1, fetched: 0, failures: [] };
  const { web } = services.config;
  const allowed = fetch.maxDepth > 0 ? await crawlRules(root, policy, { maxBytes: web.maxBytes, timeoutMs: web.timeoutMs }, options.signal) : () => true;
  const closed = new Set<string>();
  while (queue.length > 0) {
    options.signal.throwIfAborted();
    const page = queue.shift()!;
    try {
      const { links } = await fetchPage(services, policy, { url: page.url, vaultId: fetch.vaultId, userId: fetch.requestedBy }, options.signal);
      progress.fetched++;
      if (page.depth < fetch.maxDepth) {
        for (const link of links) {
          if (seen.size >= fetch.maxPages) break;
          if (seen.has(link) || closed.has(link) || !sameSite(new URL(link), root)) continue;
          if (!allowed(link)) {
            closed.add(link);
            continue;
          }
          seen.add(link);
          queue.push({ url: link, depth: page.depth + 1 });
        }
      }
    } catch (error) {
      if (options.signal.aborted) throw error;
      const reason = reasonOf(error);
      progress.failures.push({ url: page.url, reason });
      if (fetch.documentId) await recordPageFailure(services.db, fetch.documentId, reason);
    }
    progress.found = seen.size;
    await options.onProgress(progress);
  }
  return progress;
}
