import { z } from 'zod';
import {
  findDocuments,
  ingestText,
  reingestDocument,
  removeDocument,
  requireDocument,
} from '@/server/documents/documents';
import { documentMetadata, documentSource, documentText, documentTitle, id } from '@/server/documents/schemas';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES, LIBRARY_SORTS, type DocumentType } from '@/db/queries/document-library';
import { cancelDocument, cancelDocumentBatch } from '@/server/documents/cancel';
import { findLibraryPage } from '@/server/documents/library';
import { normaliseTag, tagDocument, tagList, tagSuggestions } from '@/server/documents/tags';
import { createTRPCRouter, protectedProcedure, rateLimited } from '../init';

// The largest upload the browser sends (a folder of 2,000 files), with room to spare.
const MAX_BATCH = 5_000;

export const documentsRouter = createTRPCRouter({
  list: protectedProcedure
    .input(z.object({ vaultId: id.optional() }).optional())
    .query(({ ctx, input }) => findDocuments(ctx, ctx.caller, { vaultId: input?.vaultId })),

  /** The documents page: one page of the search, filters and sort, with the total and the counts by status. */
  library: protectedProcedure
    .input(
      z.object({
        search: z.string().trim().max(200, 'must be at most 200 characters').optional(),
        vaultId: id.optional(),
        status: z.enum(DOCUMENT_STATUSES).optional(),
        type: z.enum(Object.keys(DOCUMENT_TYPES) as [DocumentType, ...DocumentType[]]).optional(),
        tag: z.string().max(200, 'must be at most 200 characters').transform(normaliseTag).optional(),
        sort: z.enum(LIBRARY_SORTS).default('newest'),
        page: z.number().int().min(1, 'must be at least 1').max(100_000).default(1),
        pageSize: z.number().int().min(1).max(200, 'must be at most 200').default(50),
      }),
    )
    .query(({ ctx, input }) => findLibraryPage(ctx, ctx.caller, input)),

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

  /** Replaces the document's tags (normalised); FORBIDDEN for a reader of the vault. */
  setTags: protectedProcedure
    .input(z.object({ id, tags: tagList }))
    .mutation(({ ctx, input }) => tagDocument(ctx, ctx.caller, input.id, input.tags)),

  /** Tags used in the vaults the caller can see, most used first. */
  tags: protectedProcedure.query(({ ctx }) => tagSuggestions(ctx, ctx.caller)),
  /** Stops a queued or processing document: it ends failed, "Cancelled by you.", and can be retried (reingest). */
  cancel: protectedProcedure.input(z.object({ id })).mutation(({ ctx, input }) => cancelDocument(ctx, ctx.caller, input.id)),

  /** Cancels a whole upload: those of the documents still queued or processing that the caller may change. */
  cancelMany: protectedProcedure
    .input(z.object({ ids: z.array(id).min(1, 'must name at least one document').max(MAX_BATCH, `must name at most ${MAX_BATCH} documents`) }))
    .mutation(({ ctx, input }) => cancelDocumentBatch(ctx, ctx.caller, input.ids)),

  delete: protectedProcedure.input(z.object({ id })).mutation(({ ctx, input }) => removeDocument(ctx, ctx.caller, input.id)),
});
