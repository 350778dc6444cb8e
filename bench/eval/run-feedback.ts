import { getUserSummary } from '@/db/queries/users';
import type { UserCaller } from '@/server/auth/caller';
import { retrievePassages } from '@/server/chat/retrieve';
import type { Services } from '@/server/services';
import type { FeedbackCase } from './feedback-cases';
import { DEPTH, scoreRanks, type RankingScores } from './metrics';

/**
 * Today's retrieval against what people voted on: thumbs-up questions should still find a document they were
 * glad of, thumbs-down passages should no longer rank first.
 */
export interface FeedbackScores {
  /** Thumbs-up cases with expected sources: rank of the first passage from any expected document. */
  upvoted: RankingScores & { cases: number };
  /** Thumbs-down cases with rejected sources: how often a rejected passage is still first, or in the top 5. */
  downvoted: { cases: number; rejectedFirst: number; rejectedInTop5: number };
  /** Cases left out: the asker's account is gone, or the vote named no source. */
  skipped: number;
}

async function callerFor(services: Pick<Services, 'db'>, userId: string): Promise<UserCaller | null> {
  const user = await getUserSummary(services.db, userId);
  if (!user || user.banned) return null;
  // As the asker, so retrieval sees exactly the vaults they could read (a person's own, shared, everyone's).
  return { kind: 'user', userId: user.id, name: user.name, email: user.email, role: user.role === 'admin' ? 'admin' : 'member', via: 'session', scopes: 'all' };
}

export async function evaluateFeedback(
  services: Pick<Services, 'db' | 'providers' | 'config' | 'cache' | 'logger'>,
  cases: FeedbackCase[],
): Promise<FeedbackScores> {
  const upRanks: Array<number | null> = [];
  let downCases = 0;
  let rejectedFirst = 0;
  let rejectedInTop5 = 0;
  let skipped = 0;
  for (const c of cases) {
    const sources = c.verdict === 'up' ? c.expected_sources : c.rejected_sources;
    const caller = sources.length > 0 ? await callerFor(services, c.asked_by) : null;
    if (!caller) {
      skipped += 1;
      continue;
    }
    const passages = await retrievePassages(services, caller, { question: c.question, vaultId: c.vault_id, topK: DEPTH });
    if (c.verdict === 'up') {
      const expected = new Set(sources.map((s) => s.document_id));
      const index = passages.findIndex((p) => expected.has(p.documentId));
      upRanks.push(index < 0 ? null : index + 1);
    } else {
      const rejected = new Set(sources.map((s) => s.chunk_id));
      const index = passages.findIndex((p) => rejected.has(p.chunkId));
      downCases += 1;
      if (index === 0) rejectedFirst += 1;
      if (index >= 0 && index < 5) rejectedInTop5 += 1;
    }
  }
  const share = (n: number) => (downCases === 0 ? 0 : n / downCases);
  return {
    upvoted: { ...scoreRanks(upRanks), cases: upRanks.length },
    downvoted: { cases: downCases, rejectedFirst: share(rejectedFirst), rejectedInTop5: share(rejectedInTop5) },
    skipped,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function feedbackMarkdown(scores: FeedbackScores): string {
  const { upvoted: up, downvoted: down } = scores;
  return [
    '| votes | cases | hit@1 | hit@5 | MRR | rejected first | rejected in top 5 |',
    '|---|---:|---:|---:|---:|---:|---:|',
    `| thumbs up | ${up.cases} | ${pct(up.hitAt1)} | ${pct(up.hitAt5)} | ${up.mrr.toFixed(3)} | | |`,
    `| thumbs down | ${down.cases} | | | | ${pct(down.rejectedFirst)} | ${pct(down.rejectedInTop5)} |`,
    '',
    `${scores.skipped} case(s) skipped (no source named, or the asker's account is gone or disabled).`,
  ].join('\n');
}
