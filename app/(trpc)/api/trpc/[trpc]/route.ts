import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { AppError } from '@/server/errors';
import { observeRequest } from '@/server/http/observe-request';
import { createContext } from '@/server/trpc/context';
import { appRouter } from '@/server/trpc/root';

export const dynamic = 'force-dynamic';

const PROCEDURES = new Set(Object.keys(appRouter._def.procedures));
// The pages batch a handful of calls; a longer batch is someone else's doing.
const MAX_BATCH_SIZE = 10;

/**
 * Batched calls ("documents.list,vaults.list") are one request; the procedure list is the route label. The label
 * goes into the metrics and the log line, so only our own procedures' names make one: anything else a client puts
 * in the path shares a single label instead of writing its text into the logs and growing the registry.
 */
function routeLabel(url: string): string {
  const names = (new URL(url).pathname.split('/api/trpc/')[1] ?? '').split(',');
  return names.every((name) => PROCEDURES.has(name)) ? `/api/trpc/${names.join(',')}` : '/api/trpc/(unknown)';
}

function handler(req: Request) {
  return observeRequest(routeLabel(req.url), req, (requestId) =>
    fetchRequestHandler({
      endpoint: '/api/trpc',
      req,
      router: appRouter,
      maxBatchSize: MAX_BATCH_SIZE,
      createContext: () => createContext({ requestId, headers: req.headers }),
      // Headers an error needs (Retry-After on 429), as the REST endpoints send them.
      responseMeta: ({ errors }) => ({
        headers: Object.assign({}, ...errors.map((error) => (error.cause instanceof AppError ? error.cause.headers : {}))),
      }),
      onError({ error, path, ctx }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') {
          ctx?.logger.error({ err: error.cause ?? error, path, requestId: ctx.requestId }, 'tRPC procedure failed');
        }
      },
    }),
  );
}

export { handler as GET, handler as POST };
