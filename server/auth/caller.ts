import { AppError } from '@/server/errors';

/** What an API key may do: `read` every GET, `chat` ask, `ingest` add and delete documents, vaults and agents. */
export const API_SCOPES = ['read', 'chat', 'ingest'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export type Role = 'admin' | 'member';

/** Someone asking as a user: signed in, with one of their API keys, or as the built-in anonymous API user. */
export interface UserCaller {
  kind: 'user';
  userId: string;
  name: string;
  email: string;
  role: Role;
  via: 'session' | 'api-key' | 'anonymous';
  /** The API key it came with, if any (rate limits count a key by itself). */
  keyId?: string;
  /** An API key's scopes; a signed-in person (and the opted-in anonymous API) may do everything their role allows. */
  scopes: ReadonlySet<ApiScope> | 'all';
}

/** Scripts and scrapers with ADMIN_TOKEN: operator endpoints only (metrics, maintenance), never anyone's data. */
interface OperatorCaller {
  kind: 'operator';
}

export type Caller = UserCaller | OperatorCaller;

export function isAdmin(caller: Caller | null): boolean {
  return caller?.kind === 'operator' || (caller?.kind === 'user' && caller.role === 'admin');
}

export const SIGN_IN_REQUIRED = 'Sign in, or send an API key as Authorization: Bearer <key> (create one on the Settings page).';

/** The user a data endpoint acts for; 401 for anyone else (the admin token reads no one's data). */
export function requireUser(caller: Caller | null): UserCaller {
  if (caller?.kind !== 'user') throw new AppError('UNAUTHORIZED', SIGN_IN_REQUIRED);
  return caller;
}
