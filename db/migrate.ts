import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { Database, Orm } from './client';
import { ensureVectorIndex, type VectorIndexSpec } from './vector-index';

const MIGRATIONS_FOLDER = path.join(process.cwd(), 'drizzle');

// Any constant works; it only has to be the same for every Docent instance sharing the database.
const MIGRATION_LOCK_KEY = 7_140_221_001;

async function applyMigrations(db: Database, orm: Orm): Promise<void> {
  const options = { migrationsFolder: MIGRATIONS_FOLDER };
  // The migrators are typed for their own driver's database class; both accept ours at run time.
  if (db.driver === 'pglite') await migratePglite(orm as never, options);
  else await migratePostgres(orm as never, options);
}

/**
 * Applies drizzle-kit's migrations and reconciles the vector index. Several instances starting together
 * serialise on an advisory lock held on one dedicated connection, so each migration runs exactly once.
 */
export async function migrateDatabase(db: Database, vectorIndex: VectorIndexSpec): Promise<void> {
  await db.withConnection(async (orm) => {
    await orm.execute(sql`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await applyMigrations(db, orm);
      await ensureVectorIndex(db, vectorIndex, orm);
    } finally {
      await orm.execute(sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  });
}
