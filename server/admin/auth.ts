import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { getOrCreateSecret } from '@/db/queries/app-secrets';
import { getServices, type Services } from '@/server/services';

/**
 * Admin access: the admin page, its procedures and /metrics need the admin token, sent as
 * `Authorization: Bearer <token>` (scrapers, scripts) or held by the browser as a session cookie after signing
 * in. The cookie carries an HMAC of the token, never the token itself. ADMIN_TOKEN sets the token; without it
 * one is generated at first start, stored in the database (so every instance agrees) and logged once.
 */

const ADMIN_COOKIE = 'docent_admin';
const COOKIE_MAX_AGE_SECONDS = 7 * 24 * 3600;

const TOKEN_KEY = Symbol.for('docent.adminToken');
const slot = globalThis as unknown as { [TOKEN_KEY]?: Promise<string> };

async function resolveToken(services: Pick<Services, 'db' | 'config' | 'logger'>): Promise<string> {
  if (services.config.admin.token) return services.config.admin.token;
  const { value, created } = await getOrCreateSecret(services.db, 'admin_token', () => randomBytes(24).toString('base64url'));
  if (created) {
    // Shown once, on the start that created it: the operator's only way to learn a generated token.
    services.logger.warn(
      { loginUrl: `http://localhost:${services.config.port}/admin` },
      `Generated an admin token (set ADMIN_TOKEN to choose your own): ${value}`,
    );
  }
  return value;
}

export function getAdminToken(services?: Pick<Services, 'db' | 'config' | 'logger'>): Promise<string> {
  slot[TOKEN_KEY] ??= (services ? Promise.resolve(services) : getServices()).then(resolveToken).catch((error: unknown) => {
    slot[TOKEN_KEY] = undefined;
    throw error;
  });
  return slot[TOKEN_KEY];
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function sessionValue(token: string): string {
  return createHmac('sha256', token).update('docent-admin-session-v1').digest('base64url');
}

export async function isValidAdminToken(candidate: string): Promise<boolean> {
  return sameText(candidate, await getAdminToken());
}

type CookieReader = { get(name: string): { value: string } | undefined };

/** Whether the request carries the admin token (bearer) or a valid admin session cookie. */
export async function isAdminRequest(headers: Headers, cookies?: CookieReader): Promise<boolean> {
  const token = await getAdminToken();
  const bearer = headers.get('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (bearer && sameText(bearer.trim(), token)) return true;
  const cookie = cookies?.get(ADMIN_COOKIE)?.value ?? readCookie(headers, ADMIN_COOKIE);
  return cookie !== undefined && sameText(cookie, sessionValue(token));
}

function readCookie(headers: Headers, name: string): string | undefined {
  for (const part of (headers.get('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

export function sessionCookie(token: string, secure: boolean): string {
  return `${ADMIN_COOKIE}=${sessionValue(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${COOKIE_MAX_AGE_SECONDS}${secure ? '; Secure' : ''}`;
}

export const CLEARED_SESSION_COOKIE = `${ADMIN_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
