import { enqueueRefetch, enqueueWebFetch, readWebFetch, type WebFetchStatus } from '@/db/queries/web-fetches';
import { readWebPage, setPageRefreshHours, type WebPageInfo } from '@/db/queries/web-pages';
import { DEFAULT_VAULT_ID } from '@/db/schema';
import type { UserCaller } from '@/server/auth/caller';
import { AppError } from '@/server/errors';
import { wakeWebFetchWorker } from '@/server/ingest/worker-process';
import type { Services } from '@/server/services';
import { createAddressPolicy, type AddressPolicy } from './address-policy';
import { parseWebUrl, resolvePublicHost } from './resolve-host';

export interface WebFetchInput {
  url: string;
  vaultId?: string | null;
  /** Absent: only the page itself. */
  followLinks?: { depth: number; maxPages: number } | null;
}

let policyCache: { allow: readonly string[]; policy: AddressPolicy } | null = null;

function policyOf(services: Pick<Services, 'config'>): AddressPolicy {
  const { allow } = services.config.web;
  if (policyCache?.allow !== allow) policyCache = { allow, policy: createAddressPolicy(allow) };
  return policyCache.policy;
}

/**
 * Accepts a web address for fetching and returns at once (the fetch worker does the rest): what can be judged now
 * is refused now with a 4xx (not http(s), a host that resolves inside the server's network, limits above the
 * install's), the worker checks every address again when it connects.
 */
export async function submitWebFetch(
  services: Pick<Services, 'db' | 'config'>,
  caller: UserCaller,
  input: WebFetchInput,
): Promise<{ fetchId: string; status: 'queued' }> {
  const { maxDepth, maxPages } = services.config.web;
  const url = parseWebUrl(input.url);
  const follow = input.followLinks ?? { depth: 0, maxPages: 1 };
  if (follow.depth > maxDepth) {
    throw new AppError('VALIDATION_ERROR', `Links can be followed at most ${maxDepth} deep on this server (URL_CRAWL_MAX_DEPTH).`);
  }
  if (follow.maxPages > maxPages) {
    throw new AppError('VALIDATION_ERROR', `At most ${maxPages} pages can be fetched at once on this server (URL_CRAWL_MAX_PAGES).`);
  }
  await resolvePublicHost(url, policyOf(services), AbortSignal.timeout(services.config.web.timeoutMs));
  const vaultId = input.vaultId ?? DEFAULT_VAULT_ID;
  const fetchId = await enqueueWebFetch(services.db, caller.userId, {
    vaultId,
    url: url.toString(),
    maxDepth: follow.depth,
    maxPages: follow.depth === 0 ? 1 : follow.maxPages,
  });
  if (!fetchId) throw new AppError('NOT_FOUND', `Vault ${vaultId} does not exist or you cannot add documents to it.`);
  wakeWebFetchWorker();
  return { fetchId, status: 'queued' };
}

/** Queues fetching a web document again; its content is replaced under the same id if it changed. */
export async function refetchDocument(
  services: Pick<Services, 'db'>,
  caller: UserCaller,
  documentId: string,
): Promise<{ fetchId: string; status: 'queued' }> {
  const fetchId = await enqueueRefetch(services.db, caller.userId, documentId);
  if (!fetchId) {
    throw new AppError('NOT_FOUND', `Document ${documentId} does not exist, did not come from a web address, or you cannot change it.`);
  }
  wakeWebFetchWorker();
  return { fetchId, status: 'queued' };
}

export async function webFetchStatus(services: Pick<Services, 'db'>, caller: UserCaller, fetchId: string): Promise<WebFetchStatus> {
  const status = await readWebFetch(services.db, caller.userId, fetchId);
  if (!status) throw new AppError('NOT_FOUND', `Web fetch ${fetchId} does not exist.`);
  return status;
}

/** When a web document was fetched and checked; null for documents that did not come from the web. */
export function webPageInfo(services: Pick<Services, 'db'>, caller: UserCaller, documentId: string): Promise<WebPageInfo | null> {
  return readWebPage(services.db, caller.userId, documentId);
}

export async function setRefreshInterval(
  services: Pick<Services, 'db'>,
  caller: UserCaller,
  documentId: string,
  hours: number | null,
): Promise<void> {
  if (!(await setPageRefreshHours(services.db, caller.userId, documentId, hours))) {
    throw new AppError('NOT_FOUND', `Document ${documentId} does not exist, did not come from a web address, or you cannot change it.`);
  }
}
