import type { Database } from '@/db/client';
import { getBaseServices, getServices, type BaseServices } from '@/server/services';

export interface Context extends BaseServices {
  requestId: string;
  /** The request's headers: admin procedures read the admin session cookie or bearer token from them. */
  headers: Headers;
  /** Null while the database is unreachable; procedures that need it go through `publicProcedure`. */
  db: Database | null;
}

export async function createContext({ requestId, headers }: { requestId: string; headers: Headers }): Promise<Context> {
  const base = getBaseServices();
  const db = await getServices().then(
    (services) => services.db,
    () => null,
  );
  return { ...base, requestId, headers, db };
}
