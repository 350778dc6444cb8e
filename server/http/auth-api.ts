import { z } from 'zod';
import { getAuth } from '@/server/auth/better-auth';
import { createOwner } from '@/server/auth/setup';
import { AppError } from '@/server/errors';
import { signInLimiter } from '@/server/limits/limits';
import { getServices } from '@/server/services';
import { clientIp } from './client-ip';
import { readJson } from './read-body';
import type { RouteHandler } from './route-table';

const SIGN_IN_PATH = '/api/auth/sign-in/email';

/**
 * better-auth's own endpoints under /api/auth/*: sign-in, sign-out, sessions, password, single sign-on. Password
 * sign-in goes through the sign-in limiter first: failures in a row, by account and by address, slow it down and
 * then lock it (429 with Retry-After), in memory or in Redis for every instance alike.
 */
export const authEndpoints: RouteHandler = async (request) => {
  const auth = await getAuth();
  if (request.method !== 'POST' || new URL(request.url).pathname !== SIGN_IN_PATH) return auth.handler(request);
  const services = await getServices();
  const ip = clientIp(request.headers, services.config.trustProxy);
  // better-auth reads the body itself: the account is taken from a copy.
  const body = (await request.clone().json().catch(() => ({}))) as { email?: unknown };
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
