import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { observeRequest } from '@/server/http/observe-request';
import { createContext } from '@/server/trpc/context';
import { appRouter } from '@/server/trpc/root';

export const dynamic = 'force-dynamic';

function handler(req: Request) {
  // Batched calls ("documents.list,vaults.list") are one request; the procedure list is the route label.
  const route = `/api/trpc/${new URL(req.url).pathname.split('/api/trpc/')[1] ?? ''}`;
  return observeRequest(route, req, (requestId) =>
    fetchRequestHandler({
      endpoint: '/api/trpc',
      req,
      router: appRouter,
      createContext: () => createContext({ requestId, headers: req.headers }),
      onError({ error, path, ctx }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') {
          ctx?.logger.error({ err: error.cause ?? error, path, requestId: ctx.requestId }, 'tRPC procedure failed');
        }
      },
    }),
  );
}

export { handler as GET, handler as POST };
