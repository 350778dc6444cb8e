import { z } from 'zod';
import {
  findDocuments,
  ingestText,
  reingestDocument,
  removeDocument,
  requireDocument,
} from '@/server/documents/documents';
import { documentMetadata, documentSource, documentText, documentTitle, id } from '@/server/documents/schemas';
import { createTRPCRouter, publicProcedure, rateLimited } from '../init';

export const documentsRouter = createTRPCRouter({
  list: publicProcedure
    .input(z.object({ vaultId: id.optional() }).optional())
    .query(({ ctx, input }) => findDocuments(ctx, { vaultId: input?.vaultId })),

  get: publicProcedure.input(z.object({ id })).query(({ ctx, input }) => requireDocument(ctx, input.id)),

  ingestText: publicProcedure
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
    .mutation(({ ctx, input }) => ingestText(ctx, input)),

  reingest: publicProcedure.input(z.object({ id })).mutation(({ ctx, input }) => reingestDocument(ctx, input.id)),

  delete: publicProcedure.input(z.object({ id })).mutation(({ ctx, input }) => removeDocument(ctx, input.id)),
});
