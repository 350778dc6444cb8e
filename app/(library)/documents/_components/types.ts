import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root';

type RouterOutputs = inferRouterOutputs<AppRouter>;

export type DocumentItem = RouterOutputs['documents']['list'][number];
export type DocumentStatus = DocumentItem['status'];
export type VaultItem = RouterOutputs['vaults']['list'][number];
export type WebFetchProgress = RouterOutputs['webPages']['fetchStatus'];

/** Queued and processing documents are still changing: the list polls while any is. */
export function isBusy(status: DocumentStatus): boolean {
  return status === 'queued' || status === 'processing';
}
