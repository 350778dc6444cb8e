import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserCaller } from '@/server/auth/caller';
import { prepareChat } from '@/server/chat/run-chat';
import { getConversation } from '@/server/chat/sessions';
import { removeDocument } from '@/server/documents/documents';
import { feedbackExport, rateAnswer } from '@/server/feedback/feedback';
import type { Services } from '@/server/services';
import { parseFeedbackExport } from '@/bench/eval/feedback-cases';
import { evaluateFeedback } from '@/bench/eval/run-feedback';
import { ingestAndWait } from '@/test/support/ingest';
import { createTestServices } from '@/test/support/services';

const LAMP = 'The Lighthouse X2 lamp runs for 4,000 hours. Replace it with part LH-88 when the indicator blinks twice.';
const FILTER = 'The intake filter of the Harbor pump is rinsed every week and swapped for part HF-3 every six months.';

describe('npm run eval -- --feedback: the retrieval eval reads the feedback export', () => {
  let services: Services;
  let owner: UserCaller;
  let cleanup: () => Promise<void>;
  let lampId: string;

  beforeEach(async () => {
    // The offline answerer (no model configured): answers cite their passages, so votes name sources.
    ({ services, owner, cleanup } = await createTestServices('pglite', { RESPONSE_CACHE_TTL: '0' }));
    const ids = await ingestAndWait(services, owner, [
      { text: LAMP, title: 'Lamp manual' },
      { text: FILTER, title: 'Pump care' },
    ]);
    lampId = ids[0]!;
  });
  afterEach(() => cleanup());

  async function askAndVote(sessionId: string, question: string, rating: 1 | -1): Promise<void> {
    const prepared = await prepareChat(services, owner, { sessionId, question }, new AbortController().signal);
    const answer = prepared.answer();
    while (!(await answer.next()).done);
    const conversation = await getConversation(services, owner, sessionId);
    await rateAnswer(services, owner, { messageId: conversation!.messages.at(-1)!.id, rating });
  }

  /** The export exactly as `GET /api/feedback/export` writes it, read back by the eval. */
  const exported = async () => parseFeedbackExport(`${(await feedbackExport(services)).map((c) => JSON.stringify(c)).join('\n')}\n`);

  it('scores thumbs-up questions by whether their documents still rank, and counts rejected passages still on top', async () => {
    await askAndVote('lamp', 'Which part replaces the Lighthouse lamp?', 1);
    await askAndVote('pump', 'How often is the Harbor pump intake filter rinsed?', -1);
    const cases = await exported();
    expect(cases.map((c) => [c.verdict, c.asked_by])).toEqual([
      ['up', owner.userId],
      ['down', owner.userId],
    ]);
    expect(cases[0]!.expected_sources.map((s) => s.title)).toContain('Lamp manual');

    const scores = await evaluateFeedback(services, cases);
    expect(scores.upvoted).toMatchObject({ cases: 1, hitAt1: 1, hitAt5: 1, mrr: 1 });
    // Nothing changed since the vote, so the rejected passage is still first: the eval says so.
    expect(scores.downvoted).toEqual({ cases: 1, rejectedFirst: 1, rejectedInTop5: 1 });
    expect(scores.skipped).toBe(0);

    // The voted document gone: the thumbs-up question no longer finds what the voter was glad of.
    await removeDocument(services, owner, lampId);
    expect((await evaluateFeedback(services, cases)).upvoted).toMatchObject({ cases: 1, hitAt5: 0, mrr: 0 });
  });

  it('searches as the voter: a case whose account is gone is skipped, not searched as someone else', async () => {
    await askAndVote('lamp', 'Which part replaces the Lighthouse lamp?', 1);
    const [vote] = await exported();
    const scores = await evaluateFeedback(services, [{ ...vote!, asked_by: 'no-such-person' }]);
    expect(scores).toMatchObject({ skipped: 1, upvoted: { cases: 0 } });
  });
});

describe('reading the feedback export', () => {
  it('names the line that is not a case', () => {
    expect(() => parseFeedbackExport('{"question":"q","verdict":"up"}\n')).toThrow(/line 1 of the feedback export is not a case/);
    expect(() => parseFeedbackExport('\nnot json\n')).toThrow(/line 2 of the feedback export is not JSON/);
  });
});
