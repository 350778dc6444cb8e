import { z } from 'zod';
import { MAINTENANCE_TASK_NAMES, runMaintenance } from '@/server/admin/maintenance';
import { adminOverview } from '@/server/admin/overview';
import { metricsHistory } from '@/server/metrics/history';
import { adminProcedure, createTRPCRouter } from '../init';

export const adminRouter = createTRPCRouter({
  /** The last hour of samples for the charts. */
  metrics: adminProcedure.query(({ ctx }) => ({
    points: metricsHistory(),
    intervalSeconds: ctx.config.admin.metricsSampleSeconds,
  })),

  overview: adminProcedure.query(({ ctx }) => adminOverview(ctx, ctx.caller)),

  runMaintenance: adminProcedure
    .input(z.object({ task: z.enum(MAINTENANCE_TASK_NAMES) }))
    .mutation(({ ctx, input }) => runMaintenance(ctx, input.task)),
});
