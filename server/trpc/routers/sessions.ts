import { z } from 'zod';
import { deleteSession, getConversation, listConversations, renameSession } from '@/server/chat/sessions';
import { conversationHistory, searchConversations } from '@/server/history/conversations';
import { createTRPCRouter, protectedProcedure } from '../init';

const page = {
  /** From the previous page's `nextCursor`; absent for the first page. */
  cursor: z.string().max(500).nullish(),
  limit: z.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100').default(50),
};

const sessionId = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const sessionsRouter = createTRPCRouter({
  list: protectedProcedure
    .input(z.object({ limit: z.number().int().min(1).max(500).default(100) }).optional())
    .query(({ ctx, input }) => listConversations(ctx, ctx.caller, input?.limit)),

  /** The whole history, page by page (`useInfiniteQuery`), most recently active first. */
  history: protectedProcedure.input(z.object(page)).query(({ ctx, input }) => conversationHistory(ctx, ctx.caller, input)),

  /** Conversations whose title or messages hold the words, most recently active first, with the passage that matched. */
  search: protectedProcedure
    .input(z.object({ ...page, search: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters') }))
    .query(({ ctx, input }) => searchConversations(ctx, ctx.caller, input)),

  /** Null for an id not used yet: the chat UI opens it as a new conversation. */
  get: protectedProcedure.input(z.object({ id: sessionId })).query(({ ctx, input }) => getConversation(ctx, ctx.caller, input.id)),

  rename: protectedProcedure
    .input(z.object({ id: sessionId, title: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters') }))
    .mutation(({ ctx, input }) => renameSession(ctx, ctx.caller, input.id, input.title)),

  delete: protectedProcedure.input(z.object({ id: sessionId })).mutation(({ ctx, input }) => deleteSession(ctx, ctx.caller, input.id)),
});
