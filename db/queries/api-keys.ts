import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { apiKeys, users } from '../schema';

export interface ApiKeySummary {
  id: string;
  name: string;
  /** The key's first characters, to tell keys apart. */
  start: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
}

const summaryColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  start: apiKeys.start,
  scopes: apiKeys.scopes,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
};

export async function insertApiKey(
  db: Database,
  input: { userId: string; name: string; start: string; keyHash: string; scopes: string[] },
): Promise<ApiKeySummary> {
  const [row] = await db.orm.insert(apiKeys).values(input).returning(summaryColumns);
  return row!;
}

export function listApiKeys(db: Database, userId: string): Promise<ApiKeySummary[]> {
  return db.orm.select(summaryColumns).from(apiKeys).where(eq(apiKeys.userId, userId)).orderBy(desc(apiKeys.createdAt));
}

/** Revoked is deleted: the next request with it is refused. False when it is not the user's key. */
export async function deleteApiKey(db: Database, userId: string, id: string): Promise<boolean> {
  const deleted = await db.orm
    .delete(apiKeys)
    .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, userId)))
    .returning({ id: apiKeys.id });
  return deleted.length > 0;
}

export interface KeyOwner {
  keyId: string;
  scopes: string[];
  lastUsedAt: Date | null;
  userId: string;
  name: string;
  email: string;
  role: string;
  banned: boolean;
}

/** The key with this hash and its user, in one round trip. */
export async function findApiKey(db: Database, keyHash: string): Promise<KeyOwner | null> {
  const [row] = await db.orm
    .select({
      keyId: apiKeys.id,
      scopes: apiKeys.scopes,
      lastUsedAt: apiKeys.lastUsedAt,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      banned: users.banned,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(eq(apiKeys.keyHash, keyHash));
  return row ?? null;
}

export async function touchApiKey(db: Database, id: string): Promise<void> {
  await db.orm.update(apiKeys).set({ lastUsedAt: sql`now()` }).where(eq(apiKeys.id, id));
}
