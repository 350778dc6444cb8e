import { NextResponse, type NextRequest } from 'next/server';
import { REQUEST_ID_HEADER, resolveRequestId } from '@/server/http/request-id';
import { pageContentSecurityPolicy } from '@/server/http/security-headers.mjs';

// A build-time constant (Next.js inlines it), not a setting: `next dev` needs eval for its error overlay.
const DEVELOPMENT = process.env.NODE_ENV === 'development';

/**
 * Gives every request an id, visible to route handlers and echoed on every response; sends browsers without a
 * session cookie from the pages to the sign-in page; and sends API clients of the original service's
 * `GET /documents` to the JSON endpoint while browsers get the upload page there. Pages get a
 * Content-Security-Policy with a fresh nonce: Next.js reads it from the request's header and puts it on the
 * scripts it renders (which is why every page is rendered per request: app/layout.tsx).
 */
export function proxy(request: NextRequest) {
  const requestId = resolveRequestId(request.headers);
  if (needsSignIn(request)) {
    const { pathname, search } = request.nextUrl;
    const signIn = new URL(`/sign-in?next=${encodeURIComponent(pathname + search)}`, request.url);
    const response = NextResponse.redirect(signIn);
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  }
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  const browser = isBrowserNavigation(request);
  const { pathname, search } = request.nextUrl;
  if (pathname === '/documents' && request.method === 'GET' && !browser) {
    const response = NextResponse.rewrite(new URL(`/api/documents${search}`, request.url), { request: { headers } });
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  }
  // Pages only: API answers carry the API's own, stricter policy (server/http/observe-request.ts).
  const policy = browser ? pageContentSecurityPolicy(Buffer.from(crypto.randomUUID()).toString('base64'), DEVELOPMENT) : null;
  if (policy) headers.set('content-security-policy', policy);
  const response = isDocumentPageLoad(request, browser)
    ? NextResponse.rewrite(new URL(`${pathname}/view${search}`, request.url), { request: { headers } })
    : NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  if (policy) response.headers.set('content-security-policy', policy);
  return response;
}

const DOCUMENT_PATH = /^\/documents\/[^/]+$/;

/**
 * `/documents/{id}` is the original service's API (`GET`/`DELETE`) and the document viewer: a browser loading a page
 * (`GET`/`HEAD` asking for HTML, or the App Router's own requests) gets the viewer, from the page folder
 * `documents/[id]/view`; any other request is left alone and reaches the API exactly as before the viewer existed.
 * (Rewriting API requests instead would change their Host, which the same-origin check reads.)
 */
function isDocumentPageLoad(request: NextRequest, browser: boolean): boolean {
  return browser && (request.method === 'GET' || request.method === 'HEAD') && DOCUMENT_PATH.test(request.nextUrl.pathname);
}

/**
 * The pages, each of which needs a signed-in person. Everything else is left alone: /sign-in, assets, and the API
 * (hence exact paths; `/documents/<id>` is a page only for page loads, which alone are redirected).
 */
const SIGNED_IN_PAGES = new Set(['/', '/documents', '/settings', '/admin', '/admin/people']);
// better-auth's session cookie (prefix `docent`, server/auth/better-auth.ts); `__Secure-` when served over https.
const SESSION_COOKIES = ['docent.session_token', '__Secure-docent.session_token'];

/**
 * A page load or App Router navigation without the session cookie: a cheap check that spares a render and a
 * database read. A cookie that is there is not trusted here: the page still verifies the session.
 */
function needsSignIn(request: NextRequest): boolean {
  return (
    (SIGNED_IN_PAGES.has(request.nextUrl.pathname) || DOCUMENT_PATH.test(request.nextUrl.pathname)) &&
    (request.method === 'GET' || request.method === 'HEAD') &&
    !SESSION_COOKIES.some((name) => request.cookies.has(name)) &&
    isBrowserNavigation(request)
  );
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
