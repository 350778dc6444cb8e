import { desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { sessions } from '../schema';

export interface SessionRecord {
  id: string;
  title: string | null;
  vaultId: string | null;
  agentId: string | null;
  createdAt: Date;
  lastActiveAt: Date;
}

const sessionColumns = {
  id: sessions.id,
  title: sessions.title,
  vaultId: sessions.vaultId,
  agentId: sessions.agentId,
  createdAt: sessions.createdAt,
  lastActiveAt: sessions.lastActiveAt,
};

/** Most recently active first. */
export function listSessions(db: Database, { limit }: { limit: number }): Promise<SessionRecord[]> {
  return db.orm.select(sessionColumns).from(sessions).orderBy(desc(sessions.lastActiveAt)).limit(limit);
}

export async function getSession(db: Database, id: string): Promise<SessionRecord | null> {
  const [row] = await db.orm.select(sessionColumns).from(sessions).where(eq(sessions.id, id));
  return row ?? null;
}

/** Creates the session if it does not exist yet (clients of the original send ids of their choosing). */
export async function ensureSession(
  db: Database,
  input: { id: string; title: string; vaultId: string | null; agentId: string | null },
): Promise<SessionRecord> {
  const [created] = await db.orm.insert(sessions).values(input).onConflictDoNothing().returning(sessionColumns);
  return created ?? (await getSession(db, input.id))!;
}

export async function updateSession(
  db: Database,
  id: string,
  changes: Partial<Pick<SessionRecord, 'title' | 'vaultId' | 'agentId'>>,
): Promise<SessionRecord | null> {
  const [row] = await db.orm
    .update(sessions)
    .set({ ...changes, lastActiveAt: sql`now()` })
    .where(eq(sessions.id, id))
    .returning(sessionColumns);
  return row ?? null;
}

/** Deletes the session and its messages (cascade). */
export async function deleteSessionById(db: Database, id: string): Promise<boolean> {
  const deleted = await db.orm.delete(sessions).where(eq(sessions.id, id)).returning({ id: sessions.id });
  return deleted.length > 0;
}
