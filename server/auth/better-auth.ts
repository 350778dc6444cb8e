import { randomBytes } from 'node:crypto';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { admin, genericOAuth } from 'better-auth/plugins';
import { createAccessControl } from 'better-auth/plugins/access';
import { adminAc, defaultStatements, userAc } from 'better-auth/plugins/admin/access';
import { getOrCreateSecret } from '@/db/queries/app-secrets';
import { claimUnowned, countPeople } from '@/db/queries/users';
import { authAccounts, authSessions, authVerifications, users } from '@/db/schema';
import { getServices, type Services } from '@/server/services';

/**
 * Accounts by better-auth on the app's own database (both drivers, through drizzle): email and password (its
 * scrypt hashing), sessions stored in Postgres (signing out deletes the row, so the cookie is dead at once), roles
 * `admin` and `member` and disabling users (its admin plugin), and optional single sign-on through any OpenID
 * Connect provider (its generic OAuth plugin). Nobody signs up by themselves: the first visitor of a new install
 * creates the owner (server/auth/setup.ts), admins create everyone else.
 */

export const OIDC_PROVIDER_ID = 'oidc';
// Long enough to resist guessing at the rate the sign-in guard allows.
const MIN_PASSWORD = 10;
// Docent's two roles: admins manage people and see the operator pages; members use the app.
const accessControl = createAccessControl(defaultStatements);
const ROLES = { admin: adminAc, member: userAc };

function createAuth(services: Pick<Services, 'db' | 'config'>, secret: string) {
  const { auth: settings } = services.config;
  const oidc = settings.oidc;
  return betterAuth({
    appName: 'Docent',
    baseURL: settings.publicUrl,
    basePath: '/api/auth',
    secret,
    trustedOrigins: [settings.publicUrl],
    database: drizzleAdapter(services.db.orm, {
      provider: 'pg',
      schema: { users, auth_sessions: authSessions, auth_accounts: authAccounts, auth_verifications: authVerifications },
    }),
    user: { modelName: 'users' },
    session: {
      modelName: 'auth_sessions',
      expiresIn: settings.sessionDays * 24 * 3600,
      // Re-read from the database on every request: a revoked session or disabled user is refused at once.
      cookieCache: { enabled: false },
    },
    account: { modelName: 'auth_accounts', accountLinking: { enabled: true, trustedProviders: [OIDC_PROVIDER_ID] } },
    verification: { modelName: 'auth_verifications' },
    databaseHooks: {
      user: {
        create: {
          // The first person into a new install is its owner, however they arrive (setup form or single sign-on),
          // and everything from before accounts becomes theirs.
          before: async (user) => ({ data: (await countPeople(services.db)) === 0 ? { ...user, role: 'admin' } : user }),
          after: async (user) => {
            if ((await countPeople(services.db)) === 1) await claimUnowned(services.db.orm, user.id);
          },
        },
      },
    },
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: MIN_PASSWORD, maxPasswordLength: 256 },
    // Our own limiter guards sign-in (server/http/auth-api.ts, server/limits/sign-in-limiter.ts), one policy for every instance.
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: 'docent',
      database: { generateId: 'uuid' },
      ipAddress: { ipAddressHeaders: ['x-docent-client-ip'] },
    },
    plugins: [
      admin({ ac: accessControl, roles: ROLES, defaultRole: 'member', adminRoles: ['admin'], bannedUserMessage: 'This account is disabled. Ask an administrator.' }),
      ...(oidc
        ? [
            genericOAuth({
              config: [
                {
                  providerId: OIDC_PROVIDER_ID,
                  discoveryUrl: `${oidc.issuer}/.well-known/openid-configuration`,
                  clientId: oidc.clientId,
                  clientSecret: oidc.clientSecret,
                  scopes: ['openid', 'email', 'profile'],
                  pkce: true,
                  disableImplicitSignUp: !oidc.allowSignUp,
                },
              ],
            }),
          ]
        : []),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

// On globalThis: one instance per process, however many times Next.js loads this module.
const KEY = Symbol.for('docent.auth');
const slot = globalThis as unknown as { [KEY]?: Promise<Auth> };

/** The process's better-auth instance, once the database is up. */
export function getAuth(): Promise<Auth> {
  slot[KEY] ??= (async () => {
    const services = await getServices();
    const secret =
      services.config.auth.secret ??
      (await getOrCreateSecret(services.db, 'auth_secret', () => randomBytes(32).toString('base64url'))).value;
    return createAuth(services, secret);
  })().catch((error: unknown) => {
    slot[KEY] = undefined;
    throw error;
  });
  return slot[KEY];
}
