import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RedisStore } from '@/server/cache/redis-store';
import { prepareChat, type PreparedChat } from '@/server/chat/run-chat';
import { createLogger } from '@/server/logger';
import type { UserCaller } from '@/server/auth/caller';
import type { Services } from '@/server/services';
import { startFakeOpenAI, type FakeOpenAI } from '@/test/support/fake-openai';
import { ingestAndWait } from '@/test/support/ingest';
import { createTestServices } from '@/test/support/services';

async function answerText(prepared: PreparedChat): Promise<string> {
  const answer = prepared.answer();
  let text = '';
  for (let next = await answer.next(); !next.done; next = await answer.next()) text += next.value;
  return text;
}

/** Two app instances on one database: with REDIS_URL they share cached answers and session metadata. */
describe('caches shared through Redis', () => {
  let fake: FakeOpenAI;
  let first: Services;
  let second: Services;
  let owner: UserCaller;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    ({ services: first, owner, cleanup } = await createTestServices('postgres', {
      OPENAI_BASE_URL: fake.url,
      OPENAI_API_KEY: 'sk-test',
      REDIS_URL: inject('redisUrl'),
    }));
    second = { ...first, cache: new RedisStore(inject('redisUrl'), createLogger('silent')) };
    await ingestAndWait(first, owner, [{ text: 'Fog signals sound every thirty seconds.', title: 'Fog' }]);
  });
  afterAll(async () => {
    await second?.cache.close();
    await cleanup?.();
    await fake?.close();
  });

  it('serves an answer computed by one instance from the cache on another', async () => {
    expect(first.cache.kind).toBe('redis');
    const question = `How often do fog signals sound? (${Date.now()})`;
    await answerText(await prepareChat(first, owner, { sessionId: `r1-${Date.now()}`, question }, new AbortController().signal));
    const callsAfterFirst = fake.calls.chat;
    const onSecond = await prepareChat(second, owner, { sessionId: `r2-${Date.now()}`, question }, new AbortController().signal);
    expect(onSecond.metadata.cached).toBe(true);
    expect(await answerText(onSecond)).toBe(`Fake answer: ${question}`);
    expect(fake.calls.chat).toBe(callsAfterFirst);
  });

  it('keeps answering, uncached, when Redis is unreachable', async () => {
    const down: Services = { ...first, cache: new RedisStore('redis://127.0.0.1:1', createLogger('silent')) };
    try {
      const prepared = await prepareChat(down, owner, { sessionId: `down-${Date.now()}`, question: 'Fog?' }, new AbortController().signal);
      expect(prepared.metadata.cached).toBe(false);
      expect(await answerText(prepared)).toBe('Fake answer: Fog?');
    } finally {
      await down.cache.close();
    }
  });
});
