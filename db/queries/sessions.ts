import { desc } from 'drizzle-orm';
import type { Database } from '../client';
import { sessions } from '../schema';

export function listSessions(db: Database, { limit }: { limit: number }) {
  return db.orm
    .select({ id: sessions.id, title: sessions.title, createdAt: sessions.createdAt, lastActiveAt: sessions.lastActiveAt })
    .from(sessions)
    .orderBy(desc(sessions.lastActiveAt))
    .limit(limit);
}
