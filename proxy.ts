import { NextResponse, type NextRequest } from 'next/server';
import { REQUEST_ID_HEADER, resolveRequestId } from '@/server/http/request-id';

/**
 * Gives every request an id, visible to route handlers and echoed on every response, and sends API clients of
 * the original service's `GET /documents` to the JSON endpoint while browsers get the upload page there.
 */
export function proxy(request: NextRequest) {
  const requestId = resolveRequestId(request.headers);
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  const wantsJson =
    request.nextUrl.pathname === '/documents' &&
    request.method === 'GET' &&
    !isBrowserNavigation(request);
  const response = wantsJson
    ? NextResponse.rewrite(new URL(`/api/documents${request.nextUrl.search}`, request.url), { request: { headers } })
    : NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

const ROUTER_HEADERS = ['rsc', 'next-router-prefetch', 'next-router-state-tree', 'next-router-segment-prefetch', 'next-url'];

/**
 * Page loads ask for HTML; the App Router's client-side navigations and prefetches carry its own headers and
 * an `_rsc` query parameter (which Next.js strips from `nextUrl`, hence the raw URL).
 */
function isBrowserNavigation(request: NextRequest): boolean {
  return (
    (request.headers.get('accept') ?? '').includes('text/html') ||
    ROUTER_HEADERS.some((name) => request.headers.has(name)) ||
    new URL(request.url).searchParams.has('_rsc')
  );
}

export const config = {
  // Static assets need no id. Upload and ingest bodies bypass the proxy, which would buffer (and past 10 MB,
  // truncate) them; the dispatch sets their request id itself (server/http/dispatch.ts).
  matcher: ['/((?!_next/static|_next/image|favicon.ico|ingest|api/ingest|api/documents/upload).*)'],
};
