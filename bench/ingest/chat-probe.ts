import { randomUUID } from 'node:crypto';
import type { UserCaller } from '@/server/auth/caller';
import { prepareChat } from '@/server/chat/run-chat';
import type { Services } from '@/server/services';

const QUESTIONS = [
  'How often is the lamp of the lighthouse replaced?',
  'What does the keeper record in the log?',
  'When are the tide tables printed?',
  'Which signal warns ships of fog?',
  'Where is the spare anchor kept?',
];

/**
 * Time to first token of chat turns asked one after another in this process, as the web process answers them:
 * retrieval, then the offline answerer's first piece (prepareChat hands it over with the first token in hand).
 * Asks until `until` resolves, or `minimum` times; each answer is read to its end, as a browser would.
 */
export async function measureTtft(services: Services, caller: UserCaller, options: { until?: Promise<unknown>; minimum: number }): Promise<number[]> {
  let done = options.until === undefined;
  void options.until?.then(() => (done = true));
  const ttft: number[] = [];
  while (!done || ttft.length < options.minimum) {
    const question = QUESTIONS[ttft.length % QUESTIONS.length]!;
    const started = performance.now();
    const prepared = await prepareChat(services, caller, { sessionId: randomUUID(), question }, new AbortController().signal);
    const stream = prepared.answer();
    await stream.next();
    ttft.push(performance.now() - started);
    while (!(await stream.next()).done);
  }
  return ttft;
}
