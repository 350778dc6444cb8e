import type { Database } from '@/db/client';
import { authenticate } from '@/server/auth/authenticate';
import type { Caller } from '@/server/auth/caller';
import { getBaseServices, getServices, type BaseServices } from '@/server/services';

export interface Context extends BaseServices {
  requestId: string;
  headers: Headers;
  /** Null while the database is unreachable; procedures that need it go through `publicProcedure`. */
  db: Database | null;
  /** The signed-in person (or the admin token for scripts); null for nobody, or a credential that is not valid. */
  caller: Caller | null;
}

export async function createContext({ requestId, headers }: { requestId: string; headers: Headers }): Promise<Context> {
  const base = getBaseServices();
  const services = await getServices().catch(() => null);
  // A refused credential is the same as none here: protected procedures answer 401 and say how to sign in.
  const caller = services ? await authenticate(services, headers).catch(() => null) : null;
  return { ...base, requestId, headers, db: services?.db ?? null, caller };
}
