import { z } from 'zod';
import { id } from '@/server/documents/schemas';
import { editChunk, excludeChunk } from '@/server/documents/chunks';
import { viewDocument } from '@/server/documents/viewer';
import { createTRPCRouter, protectedProcedure } from '../init';

export const documentViewerRouter = createTRPCRouter({
  /** Metadata, ingestion history, chunks and the original's name and size; NOT_FOUND when the caller may not read it. */
  get: protectedProcedure.input(z.object({ id })).query(({ ctx, input }) => viewDocument(ctx, ctx.caller, input.id)),

  /** New text for a chunk, embedded and searchable at once; FORBIDDEN for a reader of the vault. */
  editChunk: protectedProcedure
    .input(
      z.object({
        chunkId: id,
        content: z
          .string()
          .max(20_000, 'must be at most 20000 characters')
          .refine((text) => text.trim().length > 0, 'must not be empty: exclude the chunk from search instead'),
      }),
    )
    .mutation(({ ctx, input }) => editChunk(ctx, ctx.caller, input.chunkId, input.content)),

  /** Leaves a chunk out of search (excluded: true) or lets it back in. */
  excludeChunk: protectedProcedure
    .input(z.object({ chunkId: id, excluded: z.boolean() }))
    .mutation(({ ctx, input }) => excludeChunk(ctx, ctx.caller, input.chunkId, input.excluded)),
});
