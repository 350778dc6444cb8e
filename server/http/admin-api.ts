import { z } from 'zod';
import { CLEARED_SESSION_COOKIE, getAdminToken, isAdminRequest, isValidAdminToken, sessionCookie } from '@/server/admin/auth';
import { AppError } from '@/server/errors';
import { refreshGauges } from '@/server/metrics/refresh-gauges';
import { instanceMetricsText } from '@/server/metrics/instance-metrics';
import { metrics } from '@/server/metrics/registry';
import { getServices } from '@/server/services';
import { observeRequest } from './observe-request';
import { apiRoute, readJson } from './respond';

const loginBody = z.object({ token: z.string().min(1, 'must not be empty').max(500) });

/** POST /api/admin/login `{token}`: 204 with the admin session cookie, 401 otherwise. */
export const postLogin = apiRoute('/api/admin/login', async (request) => {
  const services = await getServices();
  const { token } = await readJson(request, loginBody, 4096);
  if (!(await isValidAdminToken(token))) {
    return Response.json({ error: 'That admin token is not right.', detail: null, code: 'UNAUTHORIZED' }, { status: 401 });
  }
  services.logger.info('admin signed in');
  const secure = new URL(request.url).protocol === 'https:';
  return new Response(null, { status: 204, headers: { 'set-cookie': sessionCookie(await getAdminToken(), secure) } });
});

export const postLogout = apiRoute('/api/admin/logout', async () => {
  return new Response(null, { status: 204, headers: { 'set-cookie': CLEARED_SESSION_COOKIE } });
});

/** GET /metrics: Prometheus text format, for admins (bearer token or session) unless METRICS_PUBLIC=true. */
export function getMetrics(request: Request): Promise<Response> {
  return observeRequest('/metrics', request, async () => {
    const services = await getServices().catch(() => null);
    if (!services) {
      const error = new AppError('DATABASE_CONNECTION_ERROR', 'The database is unavailable');
      return Response.json({ error: error.message, detail: null, code: error.code }, { status: 503 });
    }
    if (!services.config.admin.metricsPublic && !(await isAdminRequest(request.headers))) {
      return Response.json(
        { error: 'The metrics need the admin token: send Authorization: Bearer <ADMIN_TOKEN>.', detail: null, code: 'UNAUTHORIZED' },
        { status: 401, headers: { 'www-authenticate': 'Bearer realm="docent"' } },
      );
    }
    await refreshGauges(services).catch((error: unknown) => services.logger.warn({ err: error }, 'metrics: gauges not refreshed'));
    return new Response(await instanceMetricsText(), { headers: { 'content-type': metrics().registry.contentType, 'cache-control': 'no-store' } });
  });
}
