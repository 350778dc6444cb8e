import { randomBytes, timingSafeEqual } from 'node:crypto';
import { getOrCreateSecret } from '@/db/queries/app-secrets';
import { getServices, type Services } from '@/server/services';

/**
 * The operator's token for scrapers and scripts: `Authorization: Bearer <token>` reaches /metrics and the admin
 * procedures (metrics, maintenance), never anyone's documents or conversations; people use their accounts.
 * ADMIN_TOKEN sets it; without it one is generated at first start, stored in the database (so every instance
 * agrees) and logged once.
 */

const TOKEN_KEY = Symbol.for('docent.adminToken');
const slot = globalThis as unknown as { [TOKEN_KEY]?: Promise<string> };

async function resolveToken(services: Pick<Services, 'db' | 'config' | 'logger'>): Promise<string> {
  if (services.config.admin.token) return services.config.admin.token;
  const { value, created } = await getOrCreateSecret(services.db, 'admin_token', () => randomBytes(24).toString('base64url'));
  if (created) {
    // Shown once, on the start that created it: the operator's only way to learn a generated token.
    services.logger.warn(
      { use: 'Authorization: Bearer <token> for /metrics and scripts' },
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

/** Compares secrets in constant time. */
export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
