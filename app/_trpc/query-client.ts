import { defaultShouldDehydrateQuery, isServer, QueryClient, type Query } from '@tanstack/react-query';
import superjson from 'superjson';
import { isRetryable } from '@/app/_components/plain-error';

/** How often a query that failed for a server or connection problem tries again, until the server is back. */
const FAILED_QUERY_POLL_MS = 5_000;

/**
 * A page never stays on "Loading…" or an error after the server comes back: a failed read is retried three
 * times (1, 2, 4 s apart), then polled every few seconds while it stays failed, and refetched when the browser
 * is back online or the tab is focused again. Bad input, missing access or a sign-out are not retried: asking
 * again cannot change the answer.
 */
export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // Data fetched on the server stays fresh briefly so the client doesn't refetch it at once.
      queries: {
        staleTime: 30 * 1000,
        // Not while rendering on the server: the page would wait for the retries.
        retry: (failures, error) => !isServer && failures < 3 && isRetryable(error),
        refetchInterval: (query: Query) =>
          query.state.status === 'error' && isRetryable(query.state.error) ? FAILED_QUERY_POLL_MS : false,
        refetchOnReconnect: 'always',
        refetchOnWindowFocus: true,
      },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === 'pending',
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
