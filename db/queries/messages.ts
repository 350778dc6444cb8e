import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { messages, sessions } from '../schema';

type MessageStatus = 'complete' | 'failed' | 'stopped';

/** `sessionId` is a session's key (SessionRecord.key), found through its user. */
export interface NewMessage {
  sessionId: string;
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
}

const messageColumns = {
  id: messages.id,
  role: messages.role,
  content: messages.content,
  status: messages.status,
  error: messages.error,
  sources: messages.sources,
  model: messages.model,
  cached: messages.cached,
  promptTokens: messages.promptTokens,
  completionTokens: messages.completionTokens,
  latencyMs: messages.latencyMs,
  createdAt: messages.createdAt,
};

/** Stores a message and marks its session active, in one round trip. */
export async function insertMessage(db: Database, message: NewMessage): Promise<{ id: string; createdAt: Date }> {
  const [row] = await db.rows<{ id: string; created_at: Date | string }>(sql`
    WITH inserted AS (
      INSERT INTO messages (session_id, role, content, status, error, sources, model, cached, prompt_tokens,
                            completion_tokens, latency_ms)
      VALUES (${message.sessionId}, ${message.role}, ${message.content}, ${message.status ?? 'complete'},
              ${message.error ?? null}, ${message.sources ? JSON.stringify(message.sources) : null}::jsonb,
              ${message.model ?? null}, ${message.cached ?? false}, ${message.promptTokens ?? null},
              ${message.completionTokens ?? null}, ${message.latencyMs ?? null})
      RETURNING id, created_at
    ), touched AS (
      UPDATE sessions SET last_active_at = now() WHERE id = ${message.sessionId}
    )
    SELECT id, created_at FROM inserted`);
  return { id: row!.id, createdAt: new Date(row!.created_at) };
}

/** The last `limit` completed messages, oldest first: the conversation the model sees. */
export async function recentMessages(
  db: Database,
  sessionId: string,
  limit: number,
): Promise<Array<{ role: 'user' | 'assistant'; content: string }>> {
  if (limit <= 0) return [];
  const rows = await db.orm
    .select({ role: messages.role, content: messages.content })
    .from(messages)
    .where(and(eq(messages.sessionId, sessionId), eq(messages.status, 'complete')))
    .orderBy(desc(messages.createdAt))
    .limit(limit);
  return rows.reverse() as Array<{ role: 'user' | 'assistant'; content: string }>;
}

/** A user's conversation, oldest first: nothing when the conversation is not theirs. */
export function conversationMessages(db: Database, userId: string, clientId: string): Promise<MessageRecord[]> {
  return db.orm
    .select(messageColumns)
    .from(messages)
    .innerJoin(sessions, eq(sessions.id, messages.sessionId))
    .where(and(eq(sessions.userId, userId), eq(sessions.clientId, clientId)))
    .orderBy(asc(messages.createdAt)) as Promise<MessageRecord[]>;
}

export async function lastUserMessage(db: Database, sessionId: string): Promise<MessageRecord | null> {
  const [row] = await db.orm
    .select(messageColumns)
    .from(messages)
    .where(and(eq(messages.sessionId, sessionId), eq(messages.role, 'user')))
    .orderBy(desc(messages.createdAt))
    .limit(1);
  return (row as MessageRecord | undefined) ?? null;
}

/**
 * Removes the answers given after a message, before answering it again. Compared in SQL: a JavaScript Date
 * would drop the microseconds and could take the message itself along.
 */
export async function deleteMessagesAfter(db: Database, sessionId: string, messageId: string): Promise<void> {
  await db.orm
    .delete(messages)
    .where(
      and(
        eq(messages.sessionId, sessionId),
        gt(messages.createdAt, sql`(SELECT created_at FROM messages WHERE id = ${messageId})`),
      ),
    );
}
