import { z } from 'zod';
import {
  findDocuments,
  ingestText,
  reingestDocument,
  removeDocument,
  requireDocument,
} from '@/server/documents/documents';
import { documentMetadata, documentSource, documentText, documentTitle, id } from '@/server/documents/schemas';
import { createTRPCRouter, protectedProcedure, rateLimited } from '../init';

export const documentsRouter = createTRPCRouter({
  list: protectedProcedure
    .input(z.object({ vaultId: id.optional() }).optional())
    .query(({ ctx, input }) => findDocuments(ctx, ctx.caller, { vaultId: input?.vaultId })),

  get: protectedProcedure.input(z.object({ id })).query(({ ctx, input }) => requireDocument(ctx, ctx.caller, input.id)),

  ingestText: protectedProcedure
    .use(rateLimited('ingest'))
    .input(
      z.object({
        text: documentText,
        title: documentTitle,
        source: documentSource,
        metadata: documentMetadata,
        vaultId: id.nullish(),
      }),
    )
    .mutation(({ ctx, input }) => ingestText(ctx, ctx.caller, input)),

  reingest: protectedProcedure.input(z.object({ id })).mutation(({ ctx, input }) => reingestDocument(ctx, ctx.caller, input.id)),

  delete: protectedProcedure.input(z.object({ id })).mutation(({ ctx, input }) => removeDocument(ctx, ctx.caller, input.id)),
});
