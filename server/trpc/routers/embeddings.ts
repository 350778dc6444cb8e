import { z } from 'zod';
import { reembedStatus, startReembed, type ReembedStatus } from '@/server/ingest/reembed';
import { adminProcedure, createTRPCRouter, protectedProcedure } from '../init';

/** What a member sees of a re-embed: that it runs and how far, not how many chunks the whole install holds. */
function forMember(status: ReembedStatus) {
  const { job } = status;
  return {
    activeModel: status.activeModel,
    job: job && {
      model: job.model,
      fromModel: job.fromModel,
      status: job.status,
      percent: job.total === 0 ? 100 : Math.floor((100 * job.done) / job.total),
    },
  };
}

export const embeddingsRouter = createTRPCRouter({
  /** The documents page's progress line while the library is re-embedded. */
  progress: protectedProcedure.query(async ({ ctx }) => forMember(await reembedStatus(ctx))),

  /** The admin page: the active and configured models, the models a re-embed may target, the latest job. */
  status: adminProcedure.query(({ ctx }) => reembedStatus(ctx)),

  startReembed: adminProcedure
    .input(z.object({ model: z.string().min(1).max(200) }))
    .mutation(({ ctx, input }) =>
      startReembed(ctx, input.model, ctx.caller.kind === 'user' ? ctx.caller.userId : 'admin-token'),
    ),
});
