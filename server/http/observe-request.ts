import { metrics } from '@/server/metrics/registry';
import { getBaseServices } from '@/server/services';
import { REQUEST_ID_HEADER, resolveRequestId } from './request-id';
import { addApiSecurityHeaders } from './security-headers.mjs';

/**
 * Runs a route handler with what every request gets: the request id and the security headers on the response,
 * the request metrics
 * (count, duration, in flight, by route pattern and status) and one structured log line. For streamed answers
 * the duration ends when the response starts; the model's share is measured separately.
 */
export async function observeRequest(route: string, request: Request, handle: (requestId: string) => Promise<Response>): Promise<Response> {
  const m = metrics();
  const requestId = resolveRequestId(request.headers);
  const started = performance.now();
  m.httpInFlight.inc({ route });
  let response: Response | undefined;
  try {
    response = await handle(requestId);
    response.headers.set(REQUEST_ID_HEADER, requestId);
    addApiSecurityHeaders(response.headers);
    return response;
  } finally {
    m.httpInFlight.dec({ route });
    const status = String(response?.status ?? 500);
    const seconds = (performance.now() - started) / 1000;
    m.httpRequests.inc({ route, method: request.method, status });
    m.httpDuration.observe({ route, method: request.method, status }, seconds);
    getBaseServices().logger.info(
      { requestId, route, method: request.method, status: Number(status), durationMs: Math.round(seconds * 1000) },
      'request',
    );
  }
}
