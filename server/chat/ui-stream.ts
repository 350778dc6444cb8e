import { createUIMessageStream, createUIMessageStreamResponse } from 'ai';
import type { PreparedChat } from './run-chat';
import type { ChatUIMessage } from './types';

/**
 * The AI SDK UI message stream `useChat` reads: metadata, the sources as a data part, the answer text, then the
 * sources again as the answer shows them (cited first).
 */
export function chatUIResponse(prepared: PreparedChat, headers: HeadersInit = {}): Response {
  const stream = createUIMessageStream<ChatUIMessage>({
    async execute({ writer }) {
      writer.write({ type: 'start', messageMetadata: prepared.metadata });
      writer.write({ type: 'data-sources', id: 'sources', data: prepared.sources });
      writer.write({ type: 'start-step' });
      writer.write({ type: 'text-start', id: 'answer' });
      const answer = prepared.answer();
      let next = await answer.next();
      while (!next.done) {
        writer.write({ type: 'text-delta', id: 'answer', delta: next.value });
        next = await answer.next();
      }
      const outcome = next.value;
      writer.write({ type: 'text-end', id: 'answer' });
      // The same id replaces the list sent before the answer: now cited first, each marked cited or not.
      writer.write({ type: 'data-sources', id: 'sources', data: outcome.sources });
      writer.write({ type: 'finish-step' });
      writer.write({ type: 'message-metadata', messageMetadata: outcome.metadata });
      if (outcome.status === 'failed') writer.write({ type: 'error', errorText: outcome.error ?? 'The answer failed.' });
      else writer.write({ type: 'finish', messageMetadata: outcome.metadata });
    },
    onError: () => 'The answer could not be completed.',
  });
  return createUIMessageStreamResponse({ stream, headers });
}
