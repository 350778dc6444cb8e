import type { inferRouterOutputs } from '@trpc/server';
import type { ApiScope } from '@/server/auth/caller';
import type { AppRouter } from '@/server/trpc/root';

export type ApiKeyItem = inferRouterOutputs<AppRouter>['account']['apiKeys'][number];

/** What each scope lets a key do, in the words the form and the list use. */
export const SCOPES: ReadonlyArray<{ id: ApiScope; label: string; explanation: string }> = [
  { id: 'read', label: 'Read', explanation: 'List and fetch documents, vaults and agents.' },
  { id: 'chat', label: 'Chat', explanation: 'Ask questions and get cited answers (POST /chat).' },
  { id: 'ingest', label: 'Ingest', explanation: 'Add and delete documents, vaults and agents.' },
];
