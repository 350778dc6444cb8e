import { sql } from 'drizzle-orm';
import type { Database } from '../client';

export interface FeedbackRecord {
  messageId: string;
  rating: 1 | -1;
  comment: string | null;
}

/**
 * Records the user's vote on an answer in a conversation of theirs, replacing their earlier vote. Null when the
 * message is not an answer in one of their conversations: the owner check is the INSERT's own SELECT.
 */
export async function upsertFeedback(
  db: Database,
  userId: string,
  input: { messageId: string; rating: 1 | -1; comment: string | null },
): Promise<FeedbackRecord | null> {
  const [row] = await db.rows<{ message_id: string; rating: number; comment: string | null }>(sql`
    INSERT INTO message_feedback (message_id, user_id, rating, comment)
    SELECT m.id, ${userId}, ${input.rating}, ${input.comment}
    FROM messages m JOIN sessions s ON s.id = m.session_id
    WHERE m.id = ${input.messageId}::uuid AND s.user_id = ${userId} AND m.role = 'assistant'
    ON CONFLICT (message_id, user_id)
      DO UPDATE SET rating = excluded.rating, comment = excluded.comment, updated_at = now()
    RETURNING message_id, rating, comment`);
  return row ? { messageId: row.message_id, rating: Number(row.rating) as 1 | -1, comment: row.comment } : null;
}

/** Takes the user's vote back; false when they had none on it. */
export async function deleteFeedback(db: Database, userId: string, messageId: string): Promise<boolean> {
  const rows = await db.rows<{ message_id: string }>(sql`
    DELETE FROM message_feedback WHERE message_id = ${messageId}::uuid AND user_id = ${userId} RETURNING message_id`);
  return rows.length > 0;
}

export interface FeedbackSummary {
  up: number;
  down: number;
  withComment: number;
  /** The newest votes that carry a comment, for the admin page. */
  recentComments: Array<{ rating: 1 | -1; comment: string; question: string; at: Date }>;
}

/** Every vote counted, for the admin page. */
export async function feedbackSummary(db: Database, recent = 5): Promise<FeedbackSummary> {
  const [counts] = await db.rows<{ up: number | string; down: number | string; with_comment: number | string }>(sql`
    SELECT count(*) FILTER (WHERE rating = 1) AS up, count(*) FILTER (WHERE rating = -1) AS down,
           count(*) FILTER (WHERE comment IS NOT NULL) AS with_comment
    FROM message_feedback`);
  const comments = await db.rows<{ rating: number; comment: string; question: string | null; updated_at: Date | string }>(sql`
    SELECT f.rating, f.comment, q.content AS question, f.updated_at
    FROM message_feedback f JOIN messages a ON a.id = f.message_id LEFT JOIN messages q ON q.id = a.parent_id
    WHERE f.comment IS NOT NULL
    ORDER BY f.updated_at DESC LIMIT ${recent}`);
  return {
    up: Number(counts?.up ?? 0),
    down: Number(counts?.down ?? 0),
    withComment: Number(counts?.with_comment ?? 0),
    recentComments: comments.map((row) => ({
      rating: Number(row.rating) as 1 | -1,
      comment: row.comment,
      question: row.question ?? '',
      at: new Date(row.updated_at),
    })),
  };
}

export interface FeedbackCaseRow {
  messageId: string;
  rating: 1 | -1;
  comment: string | null;
  question: string;
  answer: string;
  sources: unknown[];
  votedAt: Date;
  /** Who voted, the conversation's owner: the eval searches as them, seeing what they saw. */
  userId: string;
  /** The vault the conversation was scoped to; null for all the asker can read. */
  vaultId: string | null;
}

/** Every voted answer with the question it answered and the sources shown with it, oldest vote first. */
export async function feedbackCases(db: Database): Promise<FeedbackCaseRow[]> {
  const rows = await db.rows<{
    message_id: string;
    rating: number;
    comment: string | null;
    question: string | null;
    answer: string;
    sources: string | null;
    updated_at: Date | string;
    user_id: string;
    vault_id: string | null;
  }>(sql`
    SELECT f.message_id, f.rating, f.comment, q.content AS question, a.content AS answer, a.sources::text AS sources,
           f.updated_at, f.user_id, s.vault_id
    FROM message_feedback f JOIN messages a ON a.id = f.message_id LEFT JOIN messages q ON q.id = a.parent_id
    JOIN sessions s ON s.id = a.session_id
    ORDER BY f.updated_at, f.message_id`);
  return rows.map((row) => ({
    messageId: row.message_id,
    rating: Number(row.rating) as 1 | -1,
    comment: row.comment,
    question: row.question ?? '',
    answer: row.answer,
    sources: row.sources ? (JSON.parse(row.sources) as unknown[]) : [],
    votedAt: new Date(row.updated_at),
    userId: row.user_id,
    vaultId: row.vault_id,
  }));
}
