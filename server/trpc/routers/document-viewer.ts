import { z } from 'zod';
import { id } from '@/server/documents/schemas';
import { viewDocument } from '@/server/documents/viewer';
import { createTRPCRouter, protectedProcedure } from '../init';

export const documentViewerRouter = createTRPCRouter({
  /** Metadata, ingestion history, chunks and the original's name and size; NOT_FOUND when the caller may not read it. */
  get: protectedProcedure.input(z.object({ id })).query(({ ctx, input }) => viewDocument(ctx, ctx.caller, input.id)),
});
