import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { resolveRequestId } from '@/server/http/request-id';
import { createContext } from '@/server/trpc/context';
import { appRouter } from '@/server/trpc/root';

export const dynamic = 'force-dynamic';

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => createContext({ requestId: resolveRequestId(req.headers) }),
    onError({ error, path, ctx }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        ctx?.logger.error({ err: error.cause ?? error, path, requestId: ctx.requestId }, 'tRPC procedure failed');
      }
    },
  });
}

export { handler as GET, handler as POST };
