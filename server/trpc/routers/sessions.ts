import { z } from 'zod';
import { deleteSession, getConversation, listConversations, renameSession } from '@/server/chat/sessions';
import { createTRPCRouter, publicProcedure } from '../init';

const sessionId = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const sessionsRouter = createTRPCRouter({
  list: publicProcedure
    .input(z.object({ limit: z.number().int().min(1).max(500).default(100) }).optional())
    .query(({ ctx, input }) => listConversations(ctx, input?.limit)),

  /** Null for an id not used yet: the chat UI opens it as a new conversation. */
  get: publicProcedure.input(z.object({ id: sessionId })).query(({ ctx, input }) => getConversation(ctx, input.id)),

  rename: publicProcedure
    .input(z.object({ id: sessionId, title: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters') }))
    .mutation(({ ctx, input }) => renameSession(ctx, input.id, input.title)),

  delete: publicProcedure.input(z.object({ id: sessionId })).mutation(({ ctx, input }) => deleteSession(ctx, input.id)),
});
