/**
 * `npm run db:migrate`: applies drizzle-kit's migrations and reconciles the vector index for the configured
 * database (DATABASE_URL, or the embedded PGlite under DATA_DIR), exactly as the app does at start-up.
 */
import { getServices } from '@/server/services';

const services = await getServices();
const rows = await services.db.rows<{ n: number }>(
  (await import('drizzle-orm')).sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`,
);
console.log(`docent: ${services.db.driver} database is migrated (${rows[0]?.n ?? 0} migrations applied)`);
await services.db.close();
