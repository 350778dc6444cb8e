import { z } from 'zod';
import { listSessions } from '@/db/queries/sessions';
import { createTRPCRouter, publicProcedure } from '../init';

export const sessionsRouter = createTRPCRouter({
  list: publicProcedure
    .input(z.object({ limit: z.number().int().min(1).max(200).default(50) }).default({ limit: 50 }))
    .query(({ ctx, input }) => listSessions(ctx.db, input)),
});
