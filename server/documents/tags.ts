import { z } from 'zod';
import { setDocumentTags, usedTags } from '@/db/queries/document-tags';
import { getDocument } from '@/db/queries/documents';
import type { UserCaller } from '@/server/auth/caller';
import { AppError } from '@/server/errors';
import type { Services } from '@/server/services';

type Deps = Pick<Services, 'db'>;

const MAX_TAG_CHARS = 40;
const MAX_TAGS = 20;

/**
 * One tag as stored: trimmed, lower-case, inner spaces collapsed, without the characters of an array literal
 * (commas, quotes, braces, backslashes), at most MAX_TAG_CHARS. "  Q3  Reports," and "q3 reports" are one tag.
 */
export function normaliseTag(tag: string): string {
  return tag
    .replace(/[,"'{}\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .slice(0, MAX_TAG_CHARS)
    .trim();
}

/** Tags as people send them: normalised, empties and repeats dropped, at most MAX_TAGS. */
export const tagList = z
  .array(z.string().max(200, 'must be at most 200 characters'))
  .max(100, 'must be at most 100 tags')
  .transform((tags) => [...new Set(tags.map(normaliseTag).filter(Boolean))])
  .refine((tags) => tags.length <= MAX_TAGS, `a document can have at most ${MAX_TAGS} tags`);

/** Replaces the document's tags (already normalised by `tagList`); 403 for a reader, 404 for anyone else. */
export async function tagDocument(deps: Deps, caller: UserCaller, documentId: string, tags: string[]): Promise<{ documentId: string; tags: string[] }> {
  if (await setDocumentTags(deps.db, caller.userId, documentId, tags)) return { documentId, tags };
  if (await getDocument(deps.db, caller.userId, documentId)) throw new AppError('FORBIDDEN', 'You can read this vault but not change its documents.');
  throw new AppError('NOT_FOUND', `Document ${documentId} does not exist.`);
}

/** The tags already used in the vaults the caller can see, most used first. */
export function tagSuggestions(deps: Deps, caller: UserCaller) {
  return usedTags(deps.db, caller.userId, 200);
}
