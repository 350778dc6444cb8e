import { z } from 'zod';
import { showBranch } from '@/server/chat/sessions';
import { id } from '@/server/documents/schemas';
import { feedbackCounts, feedbackExport, rateAnswer, unrateAnswer } from '@/server/feedback/feedback';
import { adminProcedure, createTRPCRouter, protectedProcedure } from '../init';

const sessionId = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

/** What a person does to the messages of their own conversations, and what administrators read of it. */
export const messagesRouter = createTRPCRouter({
  /** Flips to another version of a message (an edited question, a regenerated answer): that branch is shown. */
  showBranch: protectedProcedure
    .input(z.object({ sessionId, messageId: id }))
    .mutation(({ ctx, input }) => showBranch(ctx, ctx.caller, input.sessionId, input.messageId)),

  rate: protectedProcedure
    .input(
      z.object({
        messageId: id,
        rating: z.union([z.literal(1), z.literal(-1)]),
        comment: z.string().max(2000, 'must be at most 2000 characters').nullish(),
      }),
    )
    .mutation(({ ctx, input }) => rateAnswer(ctx, ctx.caller, input)),

  unrate: protectedProcedure.input(z.object({ messageId: id })).mutation(({ ctx, input }) => unrateAnswer(ctx, ctx.caller, input.messageId)),

  /** Votes counted, for the admin page. */
  feedback: adminProcedure.query(({ ctx }) => feedbackCounts(ctx)),

  /** The votes as evaluation cases (also `GET /api/feedback/export` as JSONL). */
  feedbackCases: adminProcedure.query(({ ctx }) => feedbackExport(ctx)),
});
