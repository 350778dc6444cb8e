import { z } from 'zod';
import { MAINTENANCE_TASK_NAMES, runMaintenance } from '@/server/admin/maintenance';
import { adminOverview } from '@/server/admin/overview';
import { readerFor } from '@/server/read-routing';
import { fleetMetricsHistory, metricsHistory } from '@/server/metrics/history';
import { adminProcedure, createTRPCRouter } from '../init';

export const adminRouter = createTRPCRouter({
  /** The last hour of samples for the charts: every instance's, merged; this instance's own if the database fails. */
  metrics: adminProcedure.query(async ({ ctx }) => {
    const intervalSeconds = ctx.config.admin.metricsSampleSeconds;
    const points = await readerFor(ctx)
      .then((db) => fleetMetricsHistory(db, intervalSeconds))
      .catch(() => metricsHistory());
    return { points, intervalSeconds };
  }),

  overview: adminProcedure.query(({ ctx }) => adminOverview(ctx, ctx.caller)),

  runMaintenance: adminProcedure
    .input(z.object({ task: z.enum(MAINTENANCE_TASK_NAMES) }))
    .mutation(({ ctx, input }) => runMaintenance(ctx, input.task)),
});
