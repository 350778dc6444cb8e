import { checkHealth } from '@/server/health';
import { observeRequest } from './observe-request';

/** GET /health (the original service's path) and /api/health: 200 when healthy, 503 when degraded. */
export function healthResponse(request: Request): Promise<Response> {
  return observeRequest(new URL(request.url).pathname === '/api/health' ? '/api/health' : '/health', request, async () => {
    const report = await checkHealth();
    return Response.json(report, {
      status: report.status === 'healthy' ? 200 : 503,
      headers: { 'cache-control': 'no-store' },
    });
  });
}
