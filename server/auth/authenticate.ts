import { ensureAnonymousUser } from '@/db/queries/users';
import { getAdminToken, sameText } from '@/server/admin/admin-token';
import { AppError } from '@/server/errors';
import type { Services } from '@/server/services';
import { callerForApiKey, looksLikeApiKey } from './api-keys';
import { getAuth } from './better-auth';
import type { Caller, UserCaller } from './caller';

type Deps = Pick<Services, 'db' | 'config'>;

// Created once per process: the anonymous API must not cost a write per request.
const ANONYMOUS_KEY = Symbol.for('docent.anonymousUser');
const slot = globalThis as unknown as { [ANONYMOUS_KEY]?: Promise<UserCaller> };

function anonymousCaller(deps: Deps): Promise<UserCaller> {
  slot[ANONYMOUS_KEY] ??= ensureAnonymousUser(deps.db).then(
    (user) => ({ kind: 'user', userId: user.id, name: user.name, email: user.email, role: 'member', via: 'anonymous', scopes: 'all' }) as const,
    (error: unknown) => {
      slot[ANONYMOUS_KEY] = undefined;
      throw error;
    },
  );
  return slot[ANONYMOUS_KEY];
}

function bearerToken(headers: Headers): string | undefined {
  return headers.get('authorization')?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
}

/** The signed-in person behind the session cookie, or null (no cookie, signed out, expired, disabled). */
export async function sessionCaller(headers: Headers): Promise<UserCaller | null> {
  if (!headers.get('cookie')?.includes('docent.session_token')) return null;
  const auth = await getAuth();
  const found = await auth.api.getSession({ headers });
  if (!found || found.user.banned) return null;
  return {
    kind: 'user',
    userId: found.user.id,
    name: found.user.name,
    email: found.user.email,
    role: found.user.role === 'admin' ? 'admin' : 'member',
    via: 'session',
    scopes: 'all',
  };
}

/**
 * Who is asking: an API key or ADMIN_TOKEN as a bearer token (a wrong one is refused, never ignored), else the
 * session cookie, else, where `anonymous` allows it and ALLOW_ANONYMOUS_API is on, the anonymous API user.
 * Null: nobody (the route decides whether that is allowed).
 */
export async function authenticate(deps: Deps, headers: Headers, options: { anonymous?: boolean } = {}): Promise<Caller | null> {
  const bearer = bearerToken(headers);
  if (bearer) {
    if (looksLikeApiKey(bearer)) {
      const caller = await callerForApiKey(deps, bearer);
      if (!caller) throw new AppError('UNAUTHORIZED', 'That API key is not valid: it was revoked, or its user is disabled.');
      return caller;
    }
    if (sameText(bearer, await getAdminToken())) return { kind: 'operator' };
    throw new AppError('UNAUTHORIZED', 'That bearer token is neither an API key nor the admin token.');
  }
  const person = await sessionCaller(headers);
  if (person) return person;
  if (options.anonymous && deps.config.auth.allowAnonymousApi) return anonymousCaller(deps);
  return null;
}
