import { AppError, toAppError } from '@/server/errors';
import { getBaseServices } from '@/server/services';
import { errorResponse } from './error-response';
import { guardRoute } from './guard-route';
import { notFoundPage, wantsHtml } from './not-found-page';
import { observeRequest } from './observe-request';
import { createRouteMatcher, type RouteMatch } from './route-table';
import { ROUTES } from './routes';

type Found = Extract<RouteMatch, { kind: 'found' }>;

export const matchRoute = createRouteMatcher(ROUTES);

// Paths that match nothing share one metrics label: a label per unknown path would let anyone grow the registry.
const UNMATCHED = '(unmatched)';

/**
 * Runs a matched endpoint with what every request gets: the request id on the response, the request metrics and
 * log line, and any error turned into the original service's `{ error, detail, code }` (5xx logged with the id).
 */
export function runRoute(match: Found, request: Request): Promise<Response> {
  return observeRequest(match.pattern, request, async (requestId) => {
    try {
      const response = await guardRoute(match.route, request, (caller) => match.route.handler(request, { params: match.params, caller }));
      if (request.method !== 'HEAD') return response;
      await response.body?.cancel();
      return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
    } catch (caught) {
      const error = toAppError(caught);
      if (error.status >= 500) getBaseServices().logger.error({ err: error.cause ?? error, requestId, route: match.pattern }, error.message);
      return errorResponse(error);
    }
  });
}

/** The answer for a path or method the table does not have: 404 or 405 in the original's error shape. */
function unmatched(match: Exclude<RouteMatch, Found>, request: Request): Promise<Response> {
  return observeRequest(UNMATCHED, request, async () => {
    const { pathname } = new URL(request.url);
    if (match.kind === 'wrong-method') {
      if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: { allow: match.allow.join(', ') } });
      return errorResponse(
        new AppError('METHOD_NOT_ALLOWED', `${pathname} does not answer ${request.method}; it answers ${match.allow.join(', ')}.`, null, {
          headers: { allow: match.allow.join(', ') },
        }),
      );
    }
    // A person who followed a dead link gets a page to move on from; API clients get JSON.
    if (wantsHtml(request)) return notFoundPage();
    return errorResponse(new AppError('NOT_FOUND', `There is no endpoint ${request.method} ${pathname}.`));
  });
}

/** Every non-tRPC HTTP request the App Router does not serve as a page (app/(api)/[...path]/route.ts). */
export function handleApiRequest(request: Request): Promise<Response> {
  const match = matchRoute(request.method, new URL(request.url).pathname);
  return match.kind === 'found' ? runRoute(match, request) : unmatched(match, request);
}
