import { deleteFeedback, feedbackCases, feedbackSummary, upsertFeedback, type FeedbackRecord } from '@/db/queries/feedback';
import type { UserCaller } from '@/server/auth/caller';
import { AppError } from '@/server/errors';
import type { Services } from '@/server/services';
import type { ChatSource } from '@/server/chat/types';

type Deps = Pick<Services, 'db'>;

/** Thumbs up or down on an answer in one of the caller's conversations, replacing their earlier vote. */
export async function rateAnswer(
  deps: Deps,
  caller: UserCaller,
  input: { messageId: string; rating: 1 | -1; comment?: string | null },
): Promise<FeedbackRecord> {
  const comment = input.comment?.trim() || null;
  const saved = await upsertFeedback(deps.db, caller.userId, { messageId: input.messageId, rating: input.rating, comment });
  if (!saved) throw new AppError('NOT_FOUND', 'That answer is not in one of your conversations.');
  return saved;
}

export async function unrateAnswer(deps: Deps, caller: UserCaller, messageId: string): Promise<{ deleted: boolean }> {
  return { deleted: await deleteFeedback(deps.db, caller.userId, messageId) };
}

export const feedbackCounts = (deps: Deps) => feedbackSummary(deps.db);

/**
 * One evaluation case per vote, a line of the JSONL export: the question, the answer, and the documents it
 * cited (those the answer showed when none were marked cited) as `expected` for a thumbs up or `rejected` for a
 * thumbs down. README "Feedback" documents the shape.
 */
export interface FeedbackCase {
  question: string;
  answer: string;
  verdict: 'up' | 'down';
  comment: string | null;
  expected_sources: CaseSource[];
  rejected_sources: CaseSource[];
  message_id: string;
  voted_at: string;
  /** The voter (the conversation's owner) and the vault it was scoped to: bench/eval searches as they did. */
  asked_by: string;
  vault_id: string | null;
}

interface CaseSource {
  document_id: string;
  title: string;
  chunk_id: string;
}

function citedSources(sources: unknown[]): CaseSource[] {
  const all = sources as ChatSource[];
  const cited = all.filter((source) => source.cited !== false);
  const seen = new Set<string>();
  return cited.flatMap((source) => {
    if (seen.has(source.chunkId)) return [];
    seen.add(source.chunkId);
    return [{ document_id: source.documentId, title: source.title, chunk_id: source.chunkId }];
  });
}

export async function feedbackExport(deps: Deps): Promise<FeedbackCase[]> {
  const rows = await feedbackCases(deps.db);
  return rows.map((row) => {
    const sources = citedSources(row.sources);
    return {
      question: row.question,
      answer: row.answer,
      verdict: row.rating === 1 ? 'up' : 'down',
      comment: row.comment,
      expected_sources: row.rating === 1 ? sources : [],
      rejected_sources: row.rating === -1 ? sources : [],
      message_id: row.messageId,
      voted_at: row.votedAt.toISOString(),
      asked_by: row.userId,
      vault_id: row.vaultId,
    };
  });
}
