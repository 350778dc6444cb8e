import { z } from 'zod';
import { id } from '@/server/documents/schemas';
import { crawlDepth, crawlPages, refreshHours, webUrl } from '@/server/web/schemas';
import { refetchDocument, setRefreshInterval, submitWebFetch, webFetchStatus, webPageInfo } from '@/server/web/web-documents';
import { createTRPCRouter, protectedProcedure, rateLimited } from '../init';

/** Web pages as documents, for the app: the same operations as POST /api/documents/url and its neighbours. */
export const webPagesRouter = createTRPCRouter({
  add: protectedProcedure
    .use(rateLimited('ingest'))
    .input(z.object({ url: webUrl, vaultId: id.nullish(), followLinks: z.object({ depth: crawlDepth, maxPages: crawlPages }).nullish() }))
    .mutation(({ ctx, input }) => submitWebFetch(ctx, ctx.caller, input)),

  fetchStatus: protectedProcedure.input(z.object({ id })).query(({ ctx, input }) => webFetchStatus(ctx, ctx.caller, input.id)),

  /**
   * When a document was fetched and checked, its own refresh interval and the server's (URL_REFRESH_HOURS) that
   * applies when it has none; null for documents that did not come from the web.
   */
  page: protectedProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const info = await webPageInfo(ctx, ctx.caller, input.id);
    return info && { ...info, defaultRefreshHours: ctx.config.web.refreshHours };
  }),

  refetch: protectedProcedure
    .use(rateLimited('ingest'))
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => refetchDocument(ctx, ctx.caller, input.id)),

  setRefreshHours: protectedProcedure
    .input(z.object({ id, hours: refreshHours }))
    .mutation(({ ctx, input }) => setRefreshInterval(ctx, ctx.caller, input.id, input.hours)),
});
