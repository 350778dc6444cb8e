import { randomUUID } from 'node:crypto';
import type { Database } from '@/db/client';
import { claimUnowned } from '@/db/queries/users';
import { users } from '@/db/schema';
import type { Role, UserCaller } from '@/server/auth/caller';

/** A user row and the caller acting as them, for tests of domain code (HTTP tests sign in for real). */
export async function createTestUser(db: Database, options: { name?: string; role?: Role } = {}): Promise<UserCaller> {
  const id = randomUUID();
  const name = options.name ?? `Tester ${id.slice(0, 6)}`;
  const email = `${id}@docent.test`;
  const role = options.role ?? 'member';
  await db.orm.insert(users).values({ id, name, email, role });
  return { kind: 'user', userId: id, name, email, role, via: 'session', scopes: 'all' };
}

/** The install's owner: an admin to whom everything from before accounts (the default vault) belongs. */
export async function createTestOwner(db: Database): Promise<UserCaller> {
  const owner = await createTestUser(db, { name: 'Owner', role: 'admin' });
  await claimUnowned(db.orm, owner.userId);
  return owner;
}
