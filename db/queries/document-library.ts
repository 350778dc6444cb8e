import { sql, type SQL } from 'drizzle-orm';
import type { Database, Orm } from '../client';
import { readableVaults } from './access';
import { prefixQuery } from './conversation-history';
import type { DocumentSummary } from './documents';

/**
 * The documents page at any size: one page of what the user may read (the readable-vault subquery, in SQL),
 * searched, filtered and sorted in the database, with the counts by status for the same search and filters.
 * OFFSET pages, unlike the history's cursor: people jump to page 7 and come back to it, and a page of 50 rows
 * from a sorted index is cheap at the library sizes Docent is for (bench/NOTES.md, listing).
 */

export const LIBRARY_SORTS = ['newest', 'oldest', 'title', 'size'] as const;
type LibrarySort = (typeof LIBRARY_SORTS)[number];

/** The kinds of file people filter by, and the MIME type ingestion stores for each (server/ingest/extract/types.ts). */
export const DOCUMENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  csv: 'text/csv',
  odt: 'application/vnd.oasis.opendocument.text',
  epub: 'application/epub+zip',
  rtf: 'application/rtf',
  html: 'text/html',
  markdown: 'text/markdown',
  text: 'text/plain',
  png: 'image/png',
  jpeg: 'image/jpeg',
  tiff: 'image/tiff',
  webp: 'image/webp',
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;

export const DOCUMENT_STATUSES = ['queued', 'processing', 'ready', 'failed'] as const;
type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export interface LibraryQuery {
  search?: string;
  vaultId?: string;
  status?: DocumentStatus;
  type?: DocumentType;
  /** Only documents carrying this tag. */
  tag?: string;
  sort: LibrarySort;
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface LibraryPage {
  items: DocumentSummary[];
  /** Documents matching the search and every filter. */
  total: number;
  /** Matching the search and the other filters, by status: the status filter's choices, and what is still busy. */
  statusCounts: Record<DocumentStatus, number>;
}

const ORDER: Record<LibrarySort, SQL> = {
  newest: sql`d.created_at DESC, d.id DESC`,
  oldest: sql`d.created_at ASC, d.id ASC`,
  title: sql`lower(d.title) ASC, d.id ASC`,
  size: sql`d.size_bytes DESC NULLS LAST, d.id ASC`,
};

/** `%`, `_` and `\` are literal in what people type. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Title, source and the uploaded file's name contain the text; or, for whole words, the document's text
 * matches (the chunks' full-text index, the one retrieval uses).
 */
function matches(userId: string, search: string): SQL {
  const pattern = likePattern(search.trim());
  const words = prefixQuery(search);
  // Only chunks of readable vaults (chunks carry their vault): another person's library is not searched at all.
  const inText = words
    ? sql`OR d.id IN (SELECT c.document_id FROM chunks c WHERE c.vault_id IN ${readableVaults(userId)} AND c.search_text @@ to_tsquery('english', ${words}))`
    : sql``;
  return sql`(d.title ILIKE ${pattern} OR d.source ILIKE ${pattern}
    OR d.id IN (SELECT j.document_id FROM ingest_jobs j WHERE j.filename ILIKE ${pattern}) ${inText})`;
}

/** Who may read, and the vault and type filters: cheap, and narrowing the rows a search then looks at. */
function conditions(userId: string, query: Pick<LibraryQuery, 'vaultId' | 'type' | 'tag'>): SQL {
  const parts: SQL[] = [sql`d.vault_id IN ${readableVaults(userId)}`];
  if (query.vaultId) parts.push(sql`d.vault_id = ${query.vaultId}`);
  if (query.type) parts.push(sql`d.mime_type = ${DOCUMENT_TYPES[query.type]}`);
  if (query.tag) parts.push(sql`d.tags @> ARRAY[${query.tag}]::text[]`);
  return sql.join(parts, sql` AND `);
}

interface Row extends Record<string, unknown> {
  id: string;
  title: string;
  source: string | null;
  vault_id: string;
  vault_name: string;
  status: DocumentStatus;
  progress: number;
  error: string | null;
  mime_type: string | null;
  size_bytes: number | null;
  chunk_count: number;
  page_count: number | null;
  tags: string[] | string;
  metadata: Record<string, unknown>;
  created_at: Date | string;
  updated_at: Date | string;
}

/** A text[] as the drivers hand it back from raw SQL: an array, or (postgres.js, unknown type) its literal. */
function textArray(value: string[] | string | null): string[] {
  if (Array.isArray(value)) return value;
  if (!value || value === '{}') return [];
  return value
    .slice(1, -1)
    .split(',')
    .map((tag) => (tag.startsWith('"') ? (JSON.parse(tag) as string) : tag));
}

function toSummary(row: Row): DocumentSummary {
  return {
    id: row.id,
    title: row.title,
    source: row.source,
    vaultId: row.vault_id,
    vaultName: row.vault_name,
    status: row.status,
    progress: row.progress,
    error: row.error,
    mimeType: row.mime_type,
    sizeBytes: row.size_bytes,
    chunkCount: row.chunk_count,
    pageCount: row.page_count,
    tags: textArray(row.tags),
    metadata: row.metadata,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

const COLUMNS = sql`d.id, d.title, d.source, d.vault_id, v.name AS vault_name, d.status, d.progress, d.error,
  d.mime_type, d.size_bytes, d.chunk_count, d.page_count, d.tags, d.metadata, d.created_at, d.updated_at`;

type CountedRow = Row & { counts?: Record<string, number> | string | null };

/**
 * Without a search, the page is read in its sort's index order and stops after the page (the counts are a
 * separate, cheap aggregate). With one, the matching documents are found once (the search's subqueries are the
 * costly part), then counted and cut into the page in the same statement; the counts ride on every row, and on a
 * lone empty row when the page has none. bench/NOTES.md §14 has the plans.
 */
export async function libraryPage(db: Database, userId: string, query: LibraryQuery): Promise<LibraryPage> {
  const where = conditions(userId, query);
  const onlyStatus = query.status ? sql`AND d.status = ${query.status}` : sql``;
  const window = sql`ORDER BY ${ORDER[query.sort]} LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`;
  let rows: CountedRow[];
  let counts: Array<{ status: string; n: number }>;
  if (query.search?.trim()) {
    const statement = sql`
      WITH readable AS MATERIALIZED (
        SELECT d.id, d.status, d.created_at, d.title, d.source, d.size_bytes FROM documents d WHERE ${where}
      ),
      -- Two steps, so the text matching runs over the documents this person may read, not over every library.
      matching AS MATERIALIZED (SELECT d.* FROM readable d WHERE ${matches(userId, query.search)}),
      page AS (SELECT d.id FROM matching d WHERE true ${onlyStatus} ${window}),
      counts AS (SELECT json_object_agg(status, n) AS counts FROM (SELECT status, count(*)::int AS n FROM matching GROUP BY status) c)
      SELECT counts.counts, ${COLUMNS}
      FROM counts
      LEFT JOIN page ON true
      LEFT JOIN documents d ON d.id = page.id
      LEFT JOIN vaults v ON v.id = d.vault_id
      ORDER BY ${ORDER[query.sort]}`;
    // For a word in most chunks PGlite's planner prefers reading every chunk's tsvector (toasted: 360 ms at
    // 20,000 chunks) to the GIN index's bitmap (30-50 ms), because it does not price the detoasting: seq scans are
    // discouraged there for this one statement, in its own transaction. Native PostgreSQL is left to its planner:
    // the same setting made it slower (p95 190 → 562 ms in `npm run bench:listing`, bench/NOTES.md §16).
    rows =
      db.driver === 'pglite'
        ? await db.orm.transaction(async (tx) => {
            const orm = tx as unknown as Orm;
            await db.rows(sql`SELECT set_config('enable_seqscan', 'off', true)`, orm);
            return db.rows<CountedRow>(statement, orm);
          })
        : await db.rows<CountedRow>(statement);
    const found = rows[0]?.counts;
    const parsed = (typeof found === 'string' ? JSON.parse(found) : (found ?? {})) as Record<string, number>;
    counts = Object.entries(parsed).map(([status, n]) => ({ status, n }));
    rows = rows.filter((row) => row.id !== null);
  } else {
    // Two statements: on postgres.js they run at once on two connections; PGlite queues them.
    [rows, counts] = await Promise.all([
      db.rows<CountedRow>(sql`SELECT ${COLUMNS} FROM documents d JOIN vaults v ON v.id = d.vault_id WHERE ${where} ${onlyStatus} ${window}`),
      db.rows<{ status: string; n: number }>(sql`SELECT d.status, count(*)::int AS n FROM documents d WHERE ${where} GROUP BY d.status`),
    ]);
  }
  const statusCounts = Object.fromEntries(DOCUMENT_STATUSES.map((status) => [status, 0])) as Record<DocumentStatus, number>;
  for (const { status, n } of counts) if (status in statusCounts) statusCounts[status as DocumentStatus] = Number(n);
  const total = query.status ? statusCounts[query.status] : Object.values(statusCounts).reduce((sum, n) => sum + n, 0);
  return { items: rows.map(toSummary), total, statusCounts };
}
