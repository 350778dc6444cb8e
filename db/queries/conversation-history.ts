import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import type { SessionSummary } from './sessions';

/**
 * The conversation history in pages, and search over it, for one user: `user_id` is matched in every query, so
 * another person's conversations never reach a page, a count or a snippet.
 *
 * Pages are cut by a keyset cursor on (last_active_at, id), newest first, not by OFFSET: a conversation that
 * becomes active while someone scrolls moves to the top instead of shifting every later page by one (a
 * duplicate at the seam). The cursor carries the timestamp as Postgres prints it, microseconds included, because
 * a JavaScript Date keeps only milliseconds and would make the row at the seam come back.
 */

export interface HistoryCursor {
  /** `last_active_at` as text, full precision. */
  at: string;
  /** The row's own key (sessions.id), unique, for rows active at the same microsecond. */
  key: string;
}

export interface HistoryPage<T> {
  items: T[];
  /** Null on the last page. */
  next: HistoryCursor | null;
}

export interface ConversationHit extends SessionSummary {
  /** Part of the newest message that matched, matched words between MATCH_START and MATCH_END; null for a title match. */
  snippet: string | null;
}

/** Private-use characters that no message holds: the UI marks the words between them, with no HTML involved. */
export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';

interface Row extends Record<string, unknown> {
  key: string;
  client_id: string;
  title: string | null;
  vault_id: string | null;
  agent_id: string | null;
  created_at: Date | string;
  last_active_at: Date | string;
  cursor_at: string;
  snippet?: string | null;
}

function toPage<T>(rows: Row[], limit: number, map: (row: Row) => T): HistoryPage<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept.at(-1);
  return { items: kept.map(map), next: more && last ? { at: last.cursor_at, key: last.key } : null };
}

function toSummary(row: Row): SessionSummary {
  return {
    id: row.client_id,
    title: row.title,
    vaultId: row.vault_id,
    agentId: row.agent_id,
    createdAt: new Date(row.created_at),
    lastActiveAt: new Date(row.last_active_at),
  };
}

const after = (cursor: HistoryCursor | null | undefined): SQL =>
  cursor ? sql`AND (s.last_active_at, s.id) < (${cursor.at}::timestamptz, ${cursor.key})` : sql``;

const columns = sql`s.id AS key, s.client_id, s.title, s.vault_id, s.agent_id, s.created_at, s.last_active_at,
  s.last_active_at::text AS cursor_at`;

/** One page of the user's conversations, most recently active first. */
export async function historyPage(
  db: Database,
  userId: string,
  { cursor, limit }: { cursor?: HistoryCursor | null; limit: number },
): Promise<HistoryPage<SessionSummary>> {
  const rows = await db.rows<Row>(sql`
    SELECT ${columns}
    FROM sessions s
    WHERE s.user_id = ${userId} ${after(cursor)}
    ORDER BY s.last_active_at DESC, s.id DESC
    LIMIT ${limit + 1}`);
  return toPage(rows, limit, toSummary);
}

/**
 * The words of a search as a prefix query (`harb` finds "harbour", as people expect while typing), every word
 * required. Only letters and digits reach the tsquery, so nothing a person types can be a syntax error. Null
 * when there is no word to look for.
 */
export function prefixQuery(search: string): string | null {
  const words = search.toLowerCase().match(/[\p{L}\p{N}]+/gu)?.slice(0, 12) ?? [];
  return words.length > 0 ? words.map((word) => `${word}:*`).join(' & ') : null;
}

const HEADLINE_OPTIONS = `MaxWords=24, MinWords=8, ShortWord=2, MaxFragments=1, FragmentDelimiter=" … ", StartSel="${MATCH_START}", StopSel="${MATCH_END}"`;

/**
 * The user's conversations whose title or any message matches `search` (Postgres full text, english stemming),
 * most recently active first, each with the newest matching message's passage. Messages are found once (the GIN
 * index, or a scan when the words are everywhere: a hashed subplan either way), then narrowed to the user's.
 */
export async function searchHistory(
  db: Database,
  userId: string,
  { search, cursor, limit }: { search: string; cursor?: HistoryCursor | null; limit: number },
): Promise<HistoryPage<ConversationHit>> {
  const query = prefixQuery(search);
  if (!query) return { items: [], next: null };
  // The tsquery is written out at each use, not shared through a CTE: as a constant it lets the message search
  // run once through the GIN index (a hashed subplan); read from a CTE row it made that subplan correlated,
  // re-run for every conversation (seconds instead of milliseconds: bench/NOTES.md §14). Titles and messages are
// matched on their stored tsvectors (sessions.search_text, messages.search_text).
  const tsquery = sql`to_tsquery('english', ${query})`;
  const rows = await db.rows<Row>(sql`
    WITH page AS (
      SELECT ${columns}
      FROM sessions s
      WHERE s.user_id = ${userId} ${after(cursor)}
        AND (s.search_text @@ ${tsquery}
             OR s.id IN (SELECT m.session_id FROM messages m WHERE m.search_text @@ ${tsquery}))
      ORDER BY s.last_active_at DESC, s.id DESC
      LIMIT ${limit + 1}
    )
    SELECT page.*, (
      SELECT ts_headline('english', m.content, ${tsquery}, ${HEADLINE_OPTIONS})
      FROM messages m
      WHERE m.session_id = page.key AND m.search_text @@ ${tsquery}
      ORDER BY m.created_at DESC
      LIMIT 1
    ) AS snippet
    FROM page
    ORDER BY page.last_active_at DESC, page.key DESC`);
  return toPage(rows, limit, (row) => ({ ...toSummary(row), snippet: row.snippet ?? null }));
}
