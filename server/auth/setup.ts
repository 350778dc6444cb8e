import { sql } from 'drizzle-orm';
import type { Orm } from '@/db/client';
import { countPeople } from '@/db/queries/users';
import { AppError } from '@/server/errors';
import type { Services } from '@/server/services';
import { getAuth } from './better-auth';

type Deps = Pick<Services, 'db' | 'logger'>;

// One owner per install, even when two first visitors submit at the same moment (several instances included).
const SETUP_LOCK = 0x646f6373;

/** A new install has no one yet: its first visitor creates the owner's account. */
export async function needsSetup(deps: Pick<Services, 'db'>): Promise<boolean> {
  return (await countPeople(deps.db)) === 0;
}

/**
 * Creates the owner (an admin) and signs them in; everything from before accounts (conversations, vaults,
 * agents) becomes theirs. Returns the sign-in's Set-Cookie headers; refused (403) once anyone exists.
 */
export async function createOwner(deps: Deps, input: { name: string; email: string; password: string }, requestHeaders: Headers): Promise<Headers> {
  const auth = await getAuth();
  await deps.db.withConnection(async (orm: Orm) => {
    await orm.execute(sql`SELECT pg_advisory_lock(${SETUP_LOCK})`);
    try {
      if ((await countPeople(orm)) > 0) throw new AppError('FORBIDDEN', 'This Docent already has an owner: sign in instead.');
      // better-auth's user hook makes the first person the owner and hands them what existed before accounts.
      const { user } = await auth.api.createUser({ body: { name: input.name, email: input.email, password: input.password, role: 'admin' } });
      deps.logger.info({ userId: user.id }, 'owner account created');
    } finally {
      await orm.execute(sql`SELECT pg_advisory_unlock(${SETUP_LOCK})`);
    }
  });
  const { headers } = await auth.api.signInEmail({ body: { email: input.email, password: input.password }, headers: requestHeaders, returnHeaders: true });
  return headers;
}
