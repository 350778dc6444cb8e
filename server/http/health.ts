import { checkHealth } from '@/server/health';
import type { RouteHandler } from './route-table';

/** GET /health (the original service's path) and /api/health: 200 `"ok"` when the database answers, 503 `"degraded"` when not. */
export const getHealth: RouteHandler = async () => {
  const report = await checkHealth();
  return Response.json(report, { status: report.status === 'ok' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
};
