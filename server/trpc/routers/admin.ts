import { getTableStats } from '@/db/queries/table-stats';
import { createTRPCRouter, publicProcedure } from '../init';

// Admin access control arrives with the operations issue (ADMIN_TOKEN); until then this exposes counts only.
export const adminRouter = createTRPCRouter({
  tableStats: publicProcedure.query(({ ctx }) => getTableStats(ctx.db)),
});
