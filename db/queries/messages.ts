import { sql } from 'drizzle-orm';
import type { Database } from '../client';

type MessageStatus = 'complete' | 'failed' | 'stopped';

/**
 * A conversation's messages form a tree: each message follows its parent; an edited question is a sibling of
 * the question it replaces, a regenerated answer a sibling of the earlier answers. The session's
 * `active_message_id` is the leaf of the branch shown, and that branch is the history the model sees.
 */

/** `sessionId` is a session's key (SessionRecord.key), found through its user. */
export interface NewMessage {
  sessionId: string;
  /** The message this one follows; null for the conversation's first question. */
  parentId: string | null;
  role: 'user' | 'assistant';
  content: string;
  status?: MessageStatus;
  error?: string | null;
  sources?: unknown[] | null;
  model?: string | null;
  cached?: boolean;
  promptTokens?: number | null;
  completionTokens?: number | null;
  latencyMs?: number | null;
}

export interface MessageRecord {
  id: string;
  parentId: string | null;
  role: string;
  content: string;
  status: string;
  error: string | null;
  sources: unknown[] | null;
  model: string | null;
  cached: boolean;
  promptTokens: number | null;
  completionTokens: number | null;
  latencyMs: number | null;
  createdAt: Date;
  /** This message and its siblings (same parent, same role), oldest first: the versions to flip through. */
  siblingIds: string[];
  /** The asking user's vote on it: 1, -1 or null. */
  rating: number | null;
  feedbackComment: string | null;
}

/** Stores a message, makes it the end of the active branch and marks its session active, in one round trip. */
export async function insertMessage(db: Database, message: NewMessage): Promise<{ id: string; createdAt: Date }> {
  const [row] = await db.rows<{ id: string; created_at: Date | string }>(sql`
    WITH inserted AS (
      INSERT INTO messages (session_id, parent_id, role, content, status, error, sources, model, cached, prompt_tokens,
                            completion_tokens, latency_ms)
      VALUES (${message.sessionId}, ${message.parentId}::uuid, ${message.role}, ${message.content}, ${message.status ?? 'complete'},
              ${message.error ?? null}, ${message.sources ? JSON.stringify(message.sources) : null}::jsonb,
              ${message.model ?? null}, ${message.cached ?? false}, ${message.promptTokens ?? null},
              ${message.completionTokens ?? null}, ${message.latencyMs ?? null})
      RETURNING id, created_at
    ), touched AS (
      UPDATE sessions SET last_active_at = now(), active_message_id = (SELECT id FROM inserted) WHERE id = ${message.sessionId}
    )
    SELECT id, created_at FROM inserted`);
  return { id: row!.id, createdAt: new Date(row!.created_at) };
}

/** The end of the session's active branch: the stored leaf, else (rows written before branching) the newest message. */
const leafOf = (sessionKey: SQLish) => sql`COALESCE(
  (SELECT active_message_id FROM sessions WHERE id = ${sessionKey}),
  (SELECT id FROM messages WHERE session_id = ${sessionKey} ORDER BY created_at DESC, id DESC LIMIT 1))`;
type SQLish = string | ReturnType<typeof sql>;

export interface PathMessage {
  id: string;
  parentId: string | null;
  role: 'user' | 'assistant';
  content: string;
  status: string;
}

/** The active branch of a session (its key), oldest first. */
export async function activePath(db: Database, sessionKey: string): Promise<PathMessage[]> {
  return pathTo(db, sessionKey, leafOf(sessionKey));
}

/** The branch ending at `leaf` (a message of this session), oldest first; empty for a null leaf. */
async function pathTo(db: Database, sessionKey: string, leaf: SQLish | null): Promise<PathMessage[]> {
  if (leaf === null) return [];
  const rows = await db.rows<{ id: string; parent_id: string | null; role: 'user' | 'assistant'; content: string; status: string }>(sql`
    WITH RECURSIVE path AS (
      SELECT id, parent_id, role, content, status, 0 AS depth FROM messages WHERE id = ${leaf} AND session_id = ${sessionKey}
      UNION ALL
      SELECT m.id, m.parent_id, m.role, m.content, m.status, path.depth + 1
      FROM messages m JOIN path ON m.id = path.parent_id
    )
    SELECT id, parent_id, role, content, status FROM path ORDER BY depth DESC`);
  return rows.map((row) => ({ id: row.id, parentId: row.parent_id, role: row.role, content: row.content, status: row.status }));
}

/**
 * The conversation the model sees before a new message that follows `parentId`: the last `limit` completed
 * messages of the branch ending there, oldest first.
 */
export async function historyBefore(
  db: Database,
  sessionKey: string,
  parentId: string | null,
  limit: number,
): Promise<Array<{ role: 'user' | 'assistant'; content: string }>> {
  if (limit <= 0 || parentId === null) return [];
  const path = await pathTo(db, sessionKey, parentId);
  return path
    .filter((message) => message.status === 'complete')
    .slice(-limit)
    .map(({ role, content }) => ({ role, content }));
}

/** One message of the session (its key): what a turn needs to follow it, edit it or answer it again. */
export async function findMessage(db: Database, sessionKey: string, id: string): Promise<PathMessage | null> {
  const [row] = await db.rows<{ id: string; parent_id: string | null; role: 'user' | 'assistant'; content: string; status: string }>(sql`
    SELECT id, parent_id, role, content, status FROM messages WHERE id = ${id}::uuid AND session_id = ${sessionKey}`);
  return row ? { id: row.id, parentId: row.parent_id, role: row.role, content: row.content, status: row.status } : null;
}

interface ConversationRow extends Record<string, unknown> {
  id: string;
  parent_id: string | null;
  role: string;
  content: string;
  status: string;
  error: string | null;
  sources: string | null;
  model: string | null;
  cached: boolean;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  latency_ms: number | null;
  created_at: Date | string;
  sibling_ids: string;
  rating: number | null;
  feedback_comment: string | null;
}

/**
 * A user's conversation as shown: the active branch, oldest first, each message with its siblings and the
 * user's vote. Nothing when the conversation is not theirs. JSON comes back as text, read the same on both drivers.
 */
export async function conversationMessages(db: Database, userId: string, clientId: string): Promise<MessageRecord[]> {
  const rows = await db.rows<ConversationRow>(sql`
    WITH RECURSIVE owned AS (
      SELECT s.id FROM sessions s WHERE s.user_id = ${userId} AND s.client_id = ${clientId}
    ), path AS (
      SELECT m.*, 0 AS depth FROM messages m, owned
      WHERE m.session_id = owned.id AND m.id = ${leafOf(sql`owned.id`)}
      UNION ALL
      SELECT m.*, path.depth + 1 FROM messages m JOIN path ON m.id = path.parent_id
    )
    SELECT path.id, path.parent_id, path.role, path.content, path.status, path.error, path.sources::text AS sources,
           path.model, path.cached, path.prompt_tokens, path.completion_tokens, path.latency_ms, path.created_at,
           (SELECT json_agg(x.id ORDER BY x.created_at, x.id) FROM messages x
             WHERE x.session_id = path.session_id AND x.role = path.role
               AND x.parent_id IS NOT DISTINCT FROM path.parent_id)::text AS sibling_ids,
           f.rating, f.comment AS feedback_comment
    FROM path LEFT JOIN message_feedback f ON f.message_id = path.id AND f.user_id = ${userId}
    ORDER BY path.depth DESC`);
  return rows.map((row) => ({
    id: row.id,
    parentId: row.parent_id,
    role: row.role,
    content: row.content,
    status: row.status,
    error: row.error,
    sources: row.sources ? (JSON.parse(row.sources) as unknown[]) : null,
    model: row.model,
    cached: row.cached,
    promptTokens: row.prompt_tokens,
    completionTokens: row.completion_tokens,
    latencyMs: row.latency_ms,
    createdAt: new Date(row.created_at),
    siblingIds: JSON.parse(row.sibling_ids) as string[],
    rating: row.rating === null ? null : Number(row.rating),
    feedbackComment: row.feedback_comment,
  }));
}

/**
 * Shows the branch through `messageId` in the user's conversation: the active leaf becomes the newest message
 * under it (itself when it has none), so flipping back to a version returns to where that branch was left.
 * False when the message is not in a conversation of theirs.
 */
export async function selectBranch(db: Database, userId: string, clientId: string, messageId: string): Promise<boolean> {
  const rows = await db.rows<{ id: string }>(sql`
    WITH RECURSIVE target AS (
      SELECT m.id, m.session_id FROM messages m JOIN sessions s ON s.id = m.session_id
      WHERE m.id = ${messageId}::uuid AND s.user_id = ${userId} AND s.client_id = ${clientId}
    ), below AS (
      SELECT id, created_at FROM messages WHERE id = (SELECT id FROM target)
      UNION ALL
      SELECT m.id, m.created_at FROM messages m JOIN below ON m.parent_id = below.id
    )
    UPDATE sessions SET active_message_id = (SELECT id FROM below ORDER BY created_at DESC, id DESC LIMIT 1)
    WHERE id = (SELECT session_id FROM target)
    RETURNING id`);
  return rows.length > 0;
}
