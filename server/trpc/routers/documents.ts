import { z } from 'zod';
import { listDocuments } from '@/db/queries/documents';
import { createTRPCRouter, publicProcedure } from '../init';

export const documentsRouter = createTRPCRouter({
  list: publicProcedure
    .input(z.object({ limit: z.number().int().min(1).max(500).default(100) }).default({ limit: 100 }))
    .query(({ ctx, input }) => listDocuments(ctx.db, input)),
});
