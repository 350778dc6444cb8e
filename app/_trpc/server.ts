import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { resolveRequestId } from '@/server/http/request-id';
import { createContext } from '@/server/trpc/context';
import { createCaller } from '@/server/trpc/root';

/** tRPC for Server Components: direct calls, no HTTP, one context per request. */
export const serverTRPC = cache(async () => {
  const requestHeaders = await headers();
  return createCaller(await createContext({ requestId: resolveRequestId(requestHeaders), headers: new Headers(requestHeaders) }));
});
