import { createHash, randomBytes } from 'node:crypto';
import { deleteApiKey, findApiKey, insertApiKey, listApiKeys, touchApiKey, type ApiKeySummary } from '@/db/queries/api-keys';
import { AppError } from '@/server/errors';
import type { Services } from '@/server/services';
import { API_SCOPES, type ApiScope, type UserCaller } from './caller';

/**
 * API keys for the REST API: `dcnt_` and 43 random characters (256 bits), shown once. Only their SHA-256 is
 * stored: a database leak gives no usable key, and a key this long needs no slow hash (nothing to brute-force).
 */
const API_KEY_PREFIX = 'dcnt_';
// Last-used times are written at most this often per key: a busy key must not cost a write per request.
const TOUCH_INTERVAL_MS = 60_000;

type Deps = Pick<Services, 'db'>;

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

export async function createApiKey(
  deps: Deps,
  caller: UserCaller,
  input: { name: string; scopes: ApiScope[] },
): Promise<ApiKeySummary & { key: string }> {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const scopes = API_SCOPES.filter((scope) => input.scopes.includes(scope));
  if (scopes.length === 0) throw new AppError('VALIDATION_ERROR', 'Choose at least one scope.', [{ field: 'scopes', message: 'required' }]);
  const created = await insertApiKey(deps.db, {
    userId: caller.userId,
    name: input.name,
    start: key.slice(0, API_KEY_PREFIX.length + 6),
    keyHash: hashKey(key),
    scopes,
  });
  return { ...created, key };
}

export function listKeys(deps: Deps, caller: UserCaller): Promise<ApiKeySummary[]> {
  return listApiKeys(deps.db, caller.userId);
}

export async function revokeApiKey(deps: Deps, caller: UserCaller, id: string): Promise<{ revoked: true }> {
  if (!(await deleteApiKey(deps.db, caller.userId, id))) throw new AppError('NOT_FOUND', 'That API key does not exist.');
  return { revoked: true };
}

/** The user a key acts for, or null for an unknown key or a disabled user. */
export async function callerForApiKey(deps: Deps, key: string): Promise<UserCaller | null> {
  const found = await findApiKey(deps.db, hashKey(key));
  if (!found || found.banned) return null;
  if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await touchApiKey(deps.db, found.keyId);
  }
  return {
    kind: 'user',
    userId: found.userId,
    name: found.name,
    email: found.email,
    role: found.role === 'admin' ? 'admin' : 'member',
    via: 'api-key',
    keyId: found.keyId,
    scopes: new Set(found.scopes.filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s))),
  };
}
