import { readerFor } from '@/server/read-routing';
import { historyPage, MATCH_END, MATCH_START, searchHistory, type HistoryCursor } from '@/db/queries/conversation-history';
import type { UserCaller } from '@/server/auth/caller';
import { AppError } from '@/server/errors';
import type { Services } from '@/server/services';

type Deps = Pick<Services, 'db'> & Partial<Pick<Services, 'cache'>>;

/**
 * The sidebar's history: pages of the caller's conversations and search over them. Cursors travel as opaque
 * strings (base64url JSON of the database's cursor): the client hands back what it was given and nothing else.
 */

const encode = (cursor: HistoryCursor | null) => (cursor ? Buffer.from(JSON.stringify(cursor)).toString('base64url') : null);

function decode(cursor: string | null | undefined): HistoryCursor | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<HistoryCursor>;
    // The timestamp is cast in SQL: only something Postgres printed may get there.
    if (typeof value.key === 'string' && typeof value.at === 'string' && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?[+-]\d\d(:\d\d)?$/.test(value.at)) {
      return { at: value.at, key: value.key };
    }
  } catch {
    // Falls through to the error below.
  }
  throw new AppError('VALIDATION_ERROR', 'Invalid request: cursor: not one this server gave out', [
    { field: 'cursor', message: 'not one this server gave out' },
  ]);
}

export async function conversationHistory(deps: Deps, caller: UserCaller, input: { cursor?: string | null; limit: number }) {
  const page = await historyPage(await readerFor(deps, caller.userId), caller.userId, { cursor: decode(input.cursor), limit: input.limit });
  return { items: page.items, nextCursor: encode(page.next) };
}

/** A passage as pieces, the matched words flagged: the page marks them without ever rendering HTML from the database. */
export function snippetParts(snippet: string): Array<{ text: string; match: boolean }> {
  const parts: Array<{ text: string; match: boolean }> = [];
  for (const [index, piece] of snippet.split(MATCH_START).entries()) {
    const [matched, rest] = index === 0 ? [null, piece] : [piece.split(MATCH_END)[0]!, piece.split(MATCH_END).slice(1).join('')];
    if (matched) parts.push({ text: matched, match: true });
    if (rest) parts.push({ text: rest, match: false });
  }
  return parts;
}

export async function searchConversations(deps: Deps, caller: UserCaller, input: { search: string; cursor?: string | null; limit: number }) {
  const page = await searchHistory(await readerFor(deps, caller.userId), caller.userId, { search: input.search, cursor: decode(input.cursor), limit: input.limit });
  return {
    items: page.items.map(({ snippet, ...session }) => ({ ...session, snippet: snippet ? snippetParts(snippet) : null })),
    nextCursor: encode(page.next),
  };
}
