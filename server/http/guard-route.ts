import type { Caller } from '@/server/auth/caller';
import { noteWrite } from '@/server/read-routing';
import { getBaseServices, getServices } from '@/server/services';
import { withAnswerSlot } from './answer-slot';
import { authorize } from './authorize';
import { assertCleanQuery } from './inspect-input';
import { enforceRateLimit, limitedAs } from './rate-limit';
import type { Route } from './route-table';
import { assertSameOrigin } from './same-origin';

/**
 * What an API request passes before its handler runs: a state-changing request must not come from another site
 * (403), no query parameter may hold a NUL (422), the caller must be who the route requires (401/403), must have
 * allowance left for the route's `limit` (429), and a chat answer needs one of the process's answer slots (503).
 */
export async function guardRoute(route: Route, request: Request, handle: (caller: Caller | null) => Promise<Response>): Promise<Response> {
  assertSameOrigin(request.method, request.headers, getBaseServices().config.trustProxy);
  assertCleanQuery(new URL(request.url));
  const caller = await authorize(route, request);
  if (route.limit) await enforceRateLimit(route.limit, limitedAs(request.headers, caller));
  if (caller?.kind !== 'user' || READS.has(request.method)) {
    return route.limit === 'chat' ? withAnswerSlot(() => handle(caller)) : handle(caller);
  }
  // Read-your-writes: this person's next reads go to the primary, counted from the change's end as well (an
  // ingest answers once the document is searchable; a streamed answer marks again when it is stored).
  const services = await getServices();
  await noteWrite(services, caller.userId);
  const response = await (route.limit === 'chat' ? withAnswerSlot(() => handle(caller)) : handle(caller));
  await noteWrite(services, caller.userId);
  return response;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
