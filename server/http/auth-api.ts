import { z } from 'zod';
import { getAuth } from '@/server/auth/better-auth';
import { createOwner } from '@/server/auth/setup';
import { getServices } from '@/server/services';
import { readJson } from './read-body';
import type { RouteHandler } from './route-table';

/** better-auth's own endpoints under /api/auth/*: sign-in, sign-out, sessions, password, single sign-on, users. */
export const authEndpoints: RouteHandler = async (request) => (await getAuth()).handler(request);

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
