import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { sessions } from '../schema';

/**
 * Conversations belong to their user: every query here takes the user and matches it in SQL, so another user's
 * conversation is indistinguishable from one that does not exist. `id` is the id the client uses (its
 * `session_id`), unique per user: two users' "test" conversations never meet.
 */
export interface SessionRecord {
  id: string;
  /** The row's own key, which messages reference. */
  key: string;
  title: string | null;
  vaultId: string | null;
  agentId: string | null;
  createdAt: Date;
  lastActiveAt: Date;
}

const sessionColumns = {
  id: sessions.clientId,
  key: sessions.id,
  title: sessions.title,
  vaultId: sessions.vaultId,
  agentId: sessions.agentId,
  createdAt: sessions.createdAt,
  lastActiveAt: sessions.lastActiveAt,
};

/** What the conversation list shows: the internal key stays inside. */
export type SessionSummary = Omit<SessionRecord, 'key'>;

const { key: _key, ...summaryColumns } = sessionColumns;

const owned = (userId: string, clientId: string) => and(eq(sessions.userId, userId), eq(sessions.clientId, clientId));

/** Most recently active first. */
export function listSessions(db: Database, userId: string, { limit }: { limit: number }): Promise<SessionSummary[]> {
  return db.orm
    .select(summaryColumns)
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.lastActiveAt))
    .limit(limit);
}

export async function getSession(db: Database, userId: string, clientId: string): Promise<SessionRecord | null> {
  const [row] = await db.orm.select(sessionColumns).from(sessions).where(owned(userId, clientId));
  return row ?? null;
}

/** Creates the user's session if it does not exist yet (clients of the original send ids of their choosing). */
export async function ensureSession(
  db: Database,
  userId: string,
  input: { id: string; title: string; vaultId: string | null; agentId: string | null },
): Promise<SessionRecord> {
  const [created] = await db.orm
    .insert(sessions)
    .values({ clientId: input.id, userId, title: input.title, vaultId: input.vaultId, agentId: input.agentId })
    .onConflictDoNothing()
    .returning(sessionColumns);
  return created ?? (await getSession(db, userId, input.id))!;
}

export async function updateSession(
  db: Database,
  userId: string,
  clientId: string,
  changes: Partial<Pick<SessionRecord, 'title' | 'vaultId' | 'agentId'>>,
): Promise<SessionRecord | null> {
  const [row] = await db.orm
    .update(sessions)
    .set({ ...changes, lastActiveAt: sql`now()` })
    .where(owned(userId, clientId))
    .returning(sessionColumns);
  return row ?? null;
}

/** Deletes the session and its messages (cascade). */
export async function deleteSessionById(db: Database, userId: string, clientId: string): Promise<boolean> {
  const deleted = await db.orm.delete(sessions).where(owned(userId, clientId)).returning({ id: sessions.id });
  return deleted.length > 0;
}
