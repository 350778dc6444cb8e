import { NextResponse, type NextRequest } from 'next/server';
import { REQUEST_ID_HEADER, resolveRequestId } from '@/server/http/request-id';

/** Gives every request an id, visible to route handlers and echoed on every response. */
export function proxy(request: NextRequest) {
  const requestId = resolveRequestId(request.headers);
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

export const config = {
  // Static assets need no id; everything else, pages and APIs alike, gets one.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
