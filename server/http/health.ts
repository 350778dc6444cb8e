import { checkHealth } from '@/server/health';

/** GET /health (the original service's path) and /api/health: 200 when healthy, 503 when degraded. */
export async function healthResponse(): Promise<Response> {
  const report = await checkHealth();
  return Response.json(report, {
    status: report.status === 'healthy' ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
}
