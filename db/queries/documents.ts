import { desc } from 'drizzle-orm';
import type { Database } from '../client';
import { documents } from '../schema';

export function listDocuments(db: Database, { limit }: { limit: number }) {
  return db.orm
    .select({
      id: documents.id,
      title: documents.title,
      source: documents.source,
      status: documents.status,
      error: documents.error,
      createdAt: documents.createdAt,
      updatedAt: documents.updatedAt,
    })
    .from(documents)
    .orderBy(desc(documents.createdAt))
    .limit(limit);
}
