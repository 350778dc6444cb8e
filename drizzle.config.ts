import { defineConfig } from 'drizzle-kit';

// drizzle-kit only generates SQL from db/schema.ts here; migrations are applied by the app (db/migrate.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './drizzle',
});
