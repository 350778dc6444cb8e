import { z } from 'zod';
import { findPassages } from '@/server/chat/find-passages';
import { id } from '@/server/documents/schemas';
import { baseProcedure, createTRPCRouter, protectedProcedure } from '../init';

export const chatRouter = createTRPCRouter({
  /** Which models answer and embed; the UI shows a notice when the offline extractive answerer is active. */
  capabilities: baseProcedure.query(({ ctx }) => ({
    chat: ctx.providers.chat,
    embedding: ctx.providers.embedding,
    offline: ctx.providers.offline,
    defaults: {
      topK: ctx.config.defaultTopK,
      temperature: ctx.config.defaultTemperature,
      // What a vault without its own chunking uses (CHUNK_SIZE, CHUNK_OVERLAP).
      chunkSize: ctx.config.chunkSize,
      chunkOverlap: ctx.config.chunkOverlap,
    },
  })),

  /** The passages a question retrieves with a vault and filters (`{ tags?, types? }`), without an answer. */
  passages: protectedProcedure
    .input(
      z.object({
        question: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'),
        vaultId: id.nullish(),
        filters: z.unknown().optional(),
        topK: z.number().int().min(1, 'must be at least 1').max(50, 'must be at most 50').optional(),
      }),
    )
    .query(({ ctx, input }) => findPassages(ctx, ctx.caller, input)),
});
