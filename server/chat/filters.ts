import { z } from 'zod';
import { DOCUMENT_TYPES, type DocumentType } from '@/db/queries/document-library';
import type { SearchFilters } from '@/db/queries/search-filters';
import { normaliseTag } from '@/server/documents/tags';
import { AppError, validationError } from '@/server/errors';

/** What a chat's retrieval may be narrowed to, besides the vault: documents with any of the tags, of any of the types. */
export interface RetrievalFilters {
  tags?: string[];
  types?: DocumentType[];
}

const TYPE_NAMES = Object.keys(DOCUMENT_TYPES) as [DocumentType, ...DocumentType[]];
const KNOWN_KEYS = ['tags', 'types'];

const filtersSchema = z.object({
  tags: z
    .array(z.string().max(200, 'must be at most 200 characters'))
    .max(50, 'must be at most 50 tags')
    .transform((tags) => [...new Set(tags.map(normaliseTag).filter(Boolean))])
    .optional(),
  types: z
    .array(z.enum(TYPE_NAMES, { error: `must each be one of ${TYPE_NAMES.join(', ')}` }))
    .max(TYPE_NAMES.length, `must be at most ${TYPE_NAMES.length} types`)
    .optional(),
});

/**
 * `filters` of a chat request: absent or null means none. A key other than tags and types is refused with a 400
 * that names it (a misspelt "tag" must not silently search everything); a bad value is a 422 like any field.
 */
export function parseRetrievalFilters(value: unknown, field = 'filters'): RetrievalFilters | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object' && !Array.isArray(value)) {
    const unknown = Object.keys(value).filter((key) => !KNOWN_KEYS.includes(key));
    if (unknown.length > 0) {
      throw new AppError('BAD_REQUEST', `${field} may hold only tags and types; it does not know ${unknown.map((key) => `"${key}"`).join(', ')}.`, [
        { field, message: `unknown key${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}` },
      ]);
    }
  }
  const parsed = z.object({ [field]: filtersSchema }).safeParse({ [field]: value });
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data[field];
}

/** The filters as the search statement takes them; undefined when nothing narrows the search. */
export function searchFiltersOf(filters: RetrievalFilters | undefined): SearchFilters | undefined {
  if (!filters?.tags?.length && !filters?.types?.length) return undefined;
  return { tags: filters.tags, mimeTypes: filters.types?.map((type) => DOCUMENT_TYPES[type]) };
}
