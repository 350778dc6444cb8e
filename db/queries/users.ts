import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Database, Orm } from '../client';
import { agents, sessions, users, vaults } from '../schema';

/** The built-in user the original service's API acts as when ALLOW_ANONYMOUS_API is on; it cannot sign in. */
const ANONYMOUS_USER_ID = '00000000-0000-4000-8000-00000000a11e';

export interface UserSummary {
  id: string;
  name: string;
  email: string;
  role: string;
  banned: boolean;
  createdAt: Date;
}

const summaryColumns = { id: users.id, name: users.name, email: users.email, role: users.role, banned: users.banned, createdAt: users.createdAt };

/** People with accounts, the anonymous API user aside. */
export function listUsers(db: Database): Promise<UserSummary[]> {
  return db.orm.select(summaryColumns).from(users).where(ne(users.id, ANONYMOUS_USER_ID)).orderBy(asc(sql`lower(${users.name})`));
}

export async function countPeople(db: Database | Orm): Promise<number> {
  const orm = 'orm' in db ? db.orm : db;
  const [row] = await orm.select({ n: sql<number>`count(*)::int` }).from(users).where(ne(users.id, ANONYMOUS_USER_ID));
  return Number(row?.n ?? 0);
}

export async function getUserSummary(db: Database, id: string): Promise<UserSummary | null> {
  const [row] = await db.orm.select(summaryColumns).from(users).where(eq(users.id, id));
  return row ?? null;
}

/** Creates the anonymous API user if it is not there yet. */
export async function ensureAnonymousUser(db: Database): Promise<UserSummary> {
  await db.orm
    .insert(users)
    .values({ id: ANONYMOUS_USER_ID, name: 'Anonymous API client', email: 'anonymous-api@docent.invalid', role: 'member' })
    .onConflictDoNothing();
  return (await getUserSummary(db, ANONYMOUS_USER_ID))!;
}

/** What existed before accounts (conversations, vaults, agents without an owner) becomes the owner's. */
export async function claimUnowned(orm: Orm, ownerId: string): Promise<void> {
  await orm.update(sessions).set({ userId: ownerId }).where(isNull(sessions.userId));
  await orm.update(vaults).set({ ownerId }).where(isNull(vaults.ownerId));
  await orm.update(agents).set({ ownerId }).where(isNull(agents.ownerId));
}

/** Other users a person can share a vault with: everyone with an account, by name. */
export function listShareableUsers(db: Database, exceptUserId: string): Promise<Array<{ id: string; name: string; email: string }>> {
  return db.orm
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(ne(users.id, ANONYMOUS_USER_ID), ne(users.id, exceptUserId), eq(users.banned, false)))
    .orderBy(asc(sql`lower(${users.name})`));
}
