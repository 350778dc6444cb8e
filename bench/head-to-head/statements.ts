import type postgres from 'postgres';
import { round } from '../chat/stats';

/**
 * Where PostgreSQL spent its time during the HTTP runs, from pg_stat_statements (the bench's server preloads
 * it): the statements that took the most execution time in total.
 */

export interface StatementStat {
  calls: number;
  totalMs: number;
  meanMs: number;
  query: string;
}

export async function resetStatements(sql: postgres.Sql): Promise<void> {
  await sql`SELECT pg_stat_statements_reset()`;
}

export async function topStatements(sql: postgres.Sql, limit = 8): Promise<StatementStat[]> {
  const rows = await sql<Array<{ calls: string; total: number; query: string }>>`
    SELECT calls::text, total_exec_time AS total, regexp_replace(query, '[[:space:]]+', ' ', 'g') AS query
    FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
    ORDER BY total_exec_time DESC LIMIT ${limit}`;
  return rows.map((r) => ({
    calls: Number(r.calls),
    totalMs: Math.round(r.total),
    meanMs: round(r.total / Number(r.calls), 2),
    query: r.query.slice(0, 100),
  }));
}

export function statementsTable(stats: StatementStat[]): string {
  return [
    '| statement (first 100 characters) | calls | total (ms) | mean (ms) |',
    '|---|---|---|---|',
    ...stats.map((s) => `| \`${s.query.replaceAll('|', '\\|').replaceAll('`', "'")}\` | ${s.calls} | ${s.totalMs} | ${s.meanMs} |`),
  ].join('\n');
}
