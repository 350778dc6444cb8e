import { z } from 'zod';
import { getAuth } from '@/server/auth/better-auth';
import { createOwner } from '@/server/auth/setup';
import { AppError } from '@/server/errors';
import { signInLimiter } from '@/server/limits/limits';
import { getServices } from '@/server/services';
import { clientIp } from './client-ip';
import { assertCleanInput } from './inspect-input';
import { readBody, readJson } from './read-body';
import type { RouteHandler } from './route-table';

const SIGN_IN_PATH = '/api/auth/sign-in/email';
// Credentials, a name, a callback URL: nothing better-auth is sent needs more.
const MAX_AUTH_BODY_BYTES = 16 * 1024;

/**
 * The body better-auth will read, held to what every other endpoint is: 413 past a small size, 422 for JSON that
 * is broken, nested too deep or holds a NUL (which PostgreSQL would refuse with a 500). Returns the request again
 * with the body it read, and that body parsed.
 */
async function checkedRequest(request: Request): Promise<{ request: Request; body: Record<string, unknown> }> {
  if (request.method === 'GET' || request.method === 'HEAD') return { request, body: {} };
  const bytes = await readBody(request, MAX_AUTH_BODY_BYTES);
  let body: unknown = {};
  if (bytes.byteLength > 0) {
    try {
      body = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      throw new AppError('VALIDATION_ERROR', 'The request body is not valid JSON.', [{ field: null, message: 'invalid JSON' }]);
    }
  }
  assertCleanInput(body);
  const again = new Request(request.url, { method: request.method, headers: request.headers, body: bytes, signal: request.signal });
  return { request: again, body: body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {} };
}

/**
 * better-auth's own endpoints under /api/auth/*: sign-in, sign-out, sessions, password, single sign-on. Password
 * sign-in goes through the sign-in limiter first: failures in a row, by account and by address, slow it down and
 * then lock it (429 with Retry-After), in memory or in Redis for every instance alike.
 */
export const authEndpoints: RouteHandler = async (incoming) => {
  const auth = await getAuth();
  const { request, body } = await checkedRequest(incoming);
  if (request.method !== 'POST' || new URL(request.url).pathname !== SIGN_IN_PATH) return auth.handler(request);
  const services = await getServices();
  const ip = clientIp(request.headers, services.config.trustProxy);
  const account = typeof body.email === 'string' ? body.email.trim().toLowerCase().slice(0, 254) : '';
  const limiter = signInLimiter();
  const verdict = await limiter.check(account, ip);
  if (!verdict.allowed) {
    const wait = verdict.locked
      ? `Signing in is locked for ${Math.ceil(verdict.retryAfterSeconds / 60)} min`
      : `Wait ${verdict.retryAfterSeconds} s`;
    throw new AppError('RATE_LIMITED', `Too many failed sign-ins. ${wait} before trying again.`, { retry_after_seconds: verdict.retryAfterSeconds }, {
      headers: { 'retry-after': String(verdict.retryAfterSeconds) },
    });
  }
  const response = await auth.handler(request);
  if (response.status === 401) await limiter.failed(account, ip);
  else if (response.ok) await limiter.succeeded(account, ip);
  return response;
};

const ownerBody = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  email: z.string().trim().toLowerCase().email('must be an email address').max(254),
  password: z.string().min(10, 'must be at least 10 characters').max(256, 'must be at most 256 characters'),
});

/** POST /api/setup: the first visitor of a new install creates the owner's account and is signed in. */
export const postSetup: RouteHandler = async (request) => {
  const services = await getServices();
  const body = await readJson(request, ownerBody, 16 * 1024);
  const signedIn = await createOwner(services, body, request.headers);
  const headers = new Headers();
  for (const cookie of signedIn.getSetCookie()) headers.append('set-cookie', cookie);
  return new Response(null, { status: 204, headers });
};
