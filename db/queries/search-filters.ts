import { sql, type SQL } from 'drizzle-orm';

/** What a search may be narrowed to besides the vault: documents with any of `tags`, of any of `mimeTypes`. */
export interface SearchFilters {
  tags?: string[];
  mimeTypes?: string[];
}

/**
 * Conditions on a `chunks` row for every candidate list of a search: excluded chunks never count, and the
 * filters are applied inside each list (not after top_k), so a filtered search still returns k passages.
 * Starts with AND, to follow the search's own conditions.
 */
export function searchableChunks(filters: SearchFilters | undefined): SQL {
  const onDocument: SQL[] = [];
  if (filters?.tags?.length) onDocument.push(sql`d.tags && ${sqlTextArray(filters.tags)}`);
  if (filters?.mimeTypes?.length) onDocument.push(sql`d.mime_type = ANY (${sqlTextArray(filters.mimeTypes)})`);
  const documents =
    onDocument.length > 0 ? sql`AND document_id IN (SELECT d.id FROM documents d WHERE ${sql.join(onDocument, sql` AND `)})` : sql``;
  return sql`AND NOT excluded ${documents}`;
}

/** A text[] from one bound parameter per element (both drivers bind a JS array differently). */
function sqlTextArray(values: string[]): SQL {
  return sql`ARRAY[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;
}
