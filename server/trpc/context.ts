import type { Database } from '@/db/client';
import { authenticate } from '@/server/auth/authenticate';
import type { Caller } from '@/server/auth/caller';
import { AppError, toAppError } from '@/server/errors';
import { getBaseServices, getServices, type BaseServices } from '@/server/services';

export interface Context extends BaseServices {
  requestId: string;
  headers: Headers;
  /** Null while the database is unreachable; procedures that need it go through `publicProcedure`. */
  db: Database | null;
  /** The signed-in person (or the admin token for scripts); null for nobody, or a credential that is not valid. */
  caller: Caller | null;
  /** Why the caller could not be looked up (the database is down): protected procedures answer with it, not 401. */
  authError: AppError | null;
}

export async function createContext({ requestId, headers }: { requestId: string; headers: Headers }): Promise<Context> {
  const base = getBaseServices();
  const services = await getServices().catch(() => null);
  let caller: Caller | null = null;
  let authError: AppError | null = null;
  try {
    caller = services ? await authenticate(services, headers) : null;
  } catch (error) {
    // A refused credential is the same as none (401 and how to sign in); an outage is not a reason to sign out.
    const failure = toAppError(error);
    if (failure.status >= 500) authError = failure;
  }
  return { ...base, requestId, headers, db: services?.db ?? null, caller, authError };
}
