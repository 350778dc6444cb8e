import { sql } from 'drizzle-orm';
import type { Database } from '../client';

export interface TableStats {
  table: string;
  rows: number;
  totalBytes: number;
}

const APP_TABLES = ['sessions', 'messages', 'agents', 'vaults', 'documents', 'chunks', 'ingest_jobs', 'embedding_cache'] as const;

/** Exact row counts and on-disk size of the app's tables. */
export async function getTableStats(db: Database): Promise<TableStats[]> {
  const rows = await db.rows<{ table: string; rows: string | number; total_bytes: string | number }>(sql.join(
    APP_TABLES.map(
      (table) =>
        sql`SELECT ${table} AS table, (SELECT count(*) FROM ${sql.identifier(table)}) AS rows, pg_total_relation_size(${table}::regclass) AS total_bytes`,
    ),
    sql` UNION ALL `,
  ));
  return rows.map((r) => ({ table: r.table, rows: Number(r.rows), totalBytes: Number(r.total_bytes) }));
}
