import { getBaseServices } from '@/server/services';
import { withAnswerSlot } from './answer-slot';
import { assertCleanQuery } from './inspect-input';
import { callerOf, enforceRateLimit } from './rate-limit';
import type { Route } from './route-table';
import { assertSameOrigin } from './same-origin';

/**
 * What an API request passes before its handler runs: a state-changing request must not come from another site
 * (403), no query parameter may hold a NUL (422), the caller must have allowance left for the route's `limit`
 * (429), and a chat answer needs one of the process's answer slots (503).
 */
export async function guardRoute(route: Route, request: Request, handle: () => Promise<Response>): Promise<Response> {
  assertSameOrigin(request.method, request.headers, getBaseServices().config.trustProxy);
  assertCleanQuery(new URL(request.url));
  if (route.limit) await enforceRateLimit(route.limit, callerOf(request.headers));
  return route.limit === 'chat' ? withAnswerSlot(handle) : handle();
}
