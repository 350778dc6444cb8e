import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { prepareChat, type PreparedChat } from '@/server/chat/run-chat';
import type { UserCaller } from '@/server/auth/caller';
import { metrics } from '@/server/metrics/registry';
import type { Services } from '@/server/services';
import { DRIVERS } from '@/test/support/databases';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/support/fake-openai';
import { ingestAndWait } from '@/test/support/ingest';
import { createTestServices } from '@/test/support/services';

const LAMP = 'The Lighthouse X2 lamp runs for 4,000 hours. Replace it with part LH-88 when the indicator blinks.';
const GARDEN = 'Tomatoes need six hours of sun a day and water at the roots, never on the leaves.';
const BOAT = 'The harbour boat leaves at nine and the lamp on its mast is checked every evening.';

async function finish(prepared: PreparedChat): Promise<string> {
  const answer = prepared.answer();
  let next = await answer.next();
  while (!next.done) next = await answer.next();
  return next.value.status;
}

async function fallbacks(reason: string): Promise<number> {
  const { values } = await metrics().rerankFallbacks.get();
  return values.find((v) => v.labels.reason === reason)?.value ?? 0;
}

describe.each(DRIVERS)('reranking through the chat on %s', (driver) => {
  let fake: FakeOpenAI;
  let services: Services;
  let owner: UserCaller;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    fake.reset();
    ({ services, owner, cleanup } = await createTestServices(driver, {
      OPENAI_BASE_URL: fake.url,
      OPENAI_API_KEY: 'sk-test',
      RERANK_MODEL: 'fake-cross-encoder',
      RERANK_TOP_N: '10',
      RERANK_TIMEOUT: '0.5',
      LLM_TIMEOUT: '2',
    }));
    await ingestAndWait(services, owner, [
      { text: LAMP, title: 'Lamp manual' },
      { text: GARDEN, title: 'Garden notes' },
      { text: BOAT, title: 'Harbour timetable' },
    ]);
    fake.reset();
  });
  afterEach(() => cleanup());

  const ask = (question: string, topK: number) => prepareChat(services, owner, { sessionId: 's1', question, topK }, new AbortController().signal);
  const titles = (prepared: PreparedChat) => prepared.sources.map((s) => s.title);

  it('reranks the fused candidates and cuts the reranked list to top_k', async () => {
    // The fused order puts the lamp manual first; this "cross-encoder" prefers the harbour timetable.
    const fused = titles(await ask('How long does the X2 lamp last?', 3));
    expect(fused[0]).toBe('Lamp manual');
    fake.reset();
    fake.setRelevance((_, document) => (document.includes('harbour') ? 0.9 : document.includes('Tomatoes') ? 0.5 : 0.1));

    const prepared = await ask('How long does the X2 lamp last?', 2);
    expect(titles(prepared)).toEqual(['Harbour timetable', 'Garden notes']);
    expect(prepared.sources.map((s) => s.n)).toEqual([1, 2]);
    expect(await finish(prepared)).toBe('complete');
    const [request] = fake.requests.filter((r) => r.path === '/v1/rerank');
    expect(request!.body).toMatchObject({ model: 'fake-cross-encoder', query: 'How long does the X2 lamp last?', top_n: 2 });
    // Every fused candidate (up to RERANK_TOP_N) is offered to the reranker, not only top_k.
    expect((request!.body as { documents: string[] }).documents).toHaveLength(fused.length);
  });

  it.each([
    ['answers 500', { kind: 'status', status: 500 } as const, 'status'],
    ['answers 401', { kind: 'status', status: 401 } as const, 'status'],
    ['is slower than RERANK_TIMEOUT', { kind: 'delay', ms: 3000 } as const, 'timeout'],
    ['never answers', { kind: 'hang' } as const, 'timeout'],
    ['answers a malformed body', { kind: 'malformed' } as const, 'malformed'],
  ])('keeps the fused order when the reranker %s, and the answer completes', async (_, fault, reason) => {
    fake.setRelevance((_, document) => (document.includes('harbour') ? 0.9 : 0.1));
    const before = await fallbacks(reason);
    fake.failNext('rerank', fault);
    const started = Date.now();
    const prepared = await ask('How long does the X2 lamp last?', 2);
    expect(Date.now() - started).toBeLessThan(2500); // the timeout bounds the wait
    expect(titles(prepared)[0]).toBe('Lamp manual');
    expect(prepared.sources).toHaveLength(2);
    expect(await finish(prepared)).toBe('complete');
    expect(fake.calls.rerank).toBe(1); // not retried: a slow reranker must not double the wait
    expect(await fallbacks(reason)).toBe(before + 1);
  });
});
