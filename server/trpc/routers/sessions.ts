import { z } from 'zod';
import { deleteSession, getConversation, listConversations, renameSession } from '@/server/chat/sessions';
import { createTRPCRouter, protectedProcedure } from '../init';

const sessionId = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const sessionsRouter = createTRPCRouter({
  list: protectedProcedure
    .input(z.object({ limit: z.number().int().min(1).max(500).default(100) }).optional())
    .query(({ ctx, input }) => listConversations(ctx, ctx.caller, input?.limit)),

  /** Null for an id not used yet: the chat UI opens it as a new conversation. */
  get: protectedProcedure.input(z.object({ id: sessionId })).query(({ ctx, input }) => getConversation(ctx, ctx.caller, input.id)),

  rename: protectedProcedure
    .input(z.object({ id: sessionId, title: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters') }))
    .mutation(({ ctx, input }) => renameSession(ctx, ctx.caller, input.id, input.title)),

  delete: protectedProcedure.input(z.object({ id: sessionId })).mutation(({ ctx, input }) => deleteSession(ctx, ctx.caller, input.id)),
});
