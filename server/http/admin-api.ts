import { z } from 'zod';
import { CLEARED_SESSION_COOKIE, getAdminToken, isAdminRequest, isValidAdminToken, sessionCookie } from '@/server/admin/auth';
import { AppError } from '@/server/errors';
import { signInLimiter } from '@/server/limits/limits';
import { instanceMetricsText } from '@/server/metrics/instance-metrics';
import { refreshGauges } from '@/server/metrics/refresh-gauges';
import { metrics } from '@/server/metrics/registry';
import { getServices } from '@/server/services';
import { callerOf } from './rate-limit';
import { readJson } from './read-body';
import type { RouteHandler } from './route-table';

const loginBody = z.object({ token: z.string().min(1, 'must not be empty').max(500) });

/**
 * POST /api/admin/login `{token}`: 204 with the admin session cookie, 401 otherwise; wrong tokens in a row from
 * one address slow it down and then lock it out (429 with Retry-After).
 */
export const postLogin: RouteHandler = async (request) => {
  const services = await getServices();
  const { ip } = callerOf(request.headers);
  const limiter = signInLimiter();
  const verdict = await limiter.check('admin', ip);
  if (!verdict.allowed) {
    const wait = verdict.locked ? `Signing in from this address is locked for ${Math.ceil(verdict.retryAfterSeconds / 60)} min` : `Wait ${verdict.retryAfterSeconds} s`;
    throw new AppError('RATE_LIMITED', `Too many wrong admin tokens. ${wait} before trying again.`, { retry_after_seconds: verdict.retryAfterSeconds }, {
      headers: { 'retry-after': String(verdict.retryAfterSeconds) },
    });
  }
  const { token } = await readJson(request, loginBody, 4096);
  if (!(await isValidAdminToken(token))) {
    await limiter.failed('admin', ip);
    throw new AppError('UNAUTHORIZED', 'That admin token is not right.');
  }
  await limiter.succeeded('admin', ip);
  services.logger.info('admin signed in');
  const secure = new URL(request.url).protocol === 'https:';
  return new Response(null, { status: 204, headers: { 'set-cookie': sessionCookie(await getAdminToken(), secure) } });
};

export const postLogout: RouteHandler = async () =>
  new Response(null, { status: 204, headers: { 'set-cookie': CLEARED_SESSION_COOKIE } });

/** GET /metrics: Prometheus text format, for admins (bearer token or session) unless METRICS_PUBLIC=true. */
export const getMetrics: RouteHandler = async (request) => {
  const services = await getServices();
  if (!services.config.admin.metricsPublic && !(await isAdminRequest(request.headers))) {
    throw new AppError('UNAUTHORIZED', 'The metrics need the admin token: send Authorization: Bearer <ADMIN_TOKEN>.', null, {
      headers: { 'www-authenticate': 'Bearer realm="docent"' },
    });
  }
  await refreshGauges(services).catch((error: unknown) => services.logger.warn({ err: error }, 'metrics: gauges not refreshed'));
  return new Response(await instanceMetricsText(), { headers: { 'content-type': metrics().registry.contentType, 'cache-control': 'no-store' } });
};
