import { authenticate } from '@/server/auth/authenticate';
import { isAdmin } from '@/server/auth/caller';
import { AppError } from '@/server/errors';
import { instanceMetricsText } from '@/server/metrics/instance-metrics';
import { refreshGauges } from '@/server/metrics/refresh-gauges';
import { metrics } from '@/server/metrics/registry';
import { getServices } from '@/server/services';
import type { RouteHandler } from './route-table';

/** GET /metrics: Prometheus text format, for an admin's session or ADMIN_TOKEN, or anyone with METRICS_PUBLIC=true. */
export const getMetrics: RouteHandler = async (request) => {
  const services = await getServices();
  if (!services.config.admin.metricsPublic && !isAdmin(await authenticate(services, request.headers))) {
    throw new AppError('UNAUTHORIZED', 'The metrics need the admin token: send Authorization: Bearer <ADMIN_TOKEN>.', null, {
      headers: { 'www-authenticate': 'Bearer realm="docent"' },
    });
  }
  await refreshGauges(services).catch((error: unknown) => services.logger.warn({ err: error }, 'metrics: gauges not refreshed'));
  return new Response(await instanceMetricsText(), { headers: { 'content-type': metrics().registry.contentType, 'cache-control': 'no-store' } });
};
