import type { LanguageModelV3, LanguageModelV3Prompt, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { ModelTimeoutError, withRetries } from '@/server/providers/with-retries';
import type { HistoryMessage } from './history';

export interface ModelStreamInput {
  model: LanguageModelV3;
  system: string;
  /** The conversation so far and the question, plain text. */
  messages: HistoryMessage[];
  temperature: number;
  /** Per attempt until the first token, and the longest silence allowed once streaming. */
  timeoutMs: number;
  maxRetries: number;
  /** Aborts the whole answer: the client went away, or the request ran out of time. */
  signal: AbortSignal;
  onRetry?: (error: unknown) => void;
}

export interface ModelStream {
  /** The first piece of text ('' when the model finished without any). */
  first: string;
  /** The rest of the text; throws on failure, ends early when `signal` aborts. */
  rest: AsyncGenerator<string, void>;
  usage: () => { inputTokens?: number; outputTokens?: number };
  /** Stops the model call (e.g. when the consumer stops reading). */
  cancel: () => void;
}

function toPrompt(system: string, messages: HistoryMessage[]): LanguageModelV3Prompt {
  return [
    { role: 'system', content: system },
    ...messages.map(({ role, content }) => ({ role, content: [{ type: 'text' as const, text: content }] })),
  ];
}

/**
 * Starts streaming an answer. Everything up to the first token is retried (429, 5xx, network errors, timeouts)
 * with exponential backoff, because nothing has reached the user yet; after it, a failure ends the answer.
 *
 * It calls the provider's `doStream` (the AI SDK's LanguageModelV3 interface, which @ai-sdk/openai and the
 * offline answerer implement) rather than `streamText`: a chat turn needs text, usage and errors, not tools,
 * steps or telemetry, and streamText's stream pipeline cost more CPU per answer than the rest of the model call
 * (bench/NOTES.md, section 11).
 */
export async function startModelStream(input: ModelStreamInput): Promise<ModelStream> {
  const prompt = toPrompt(input.system, input.messages);
  return withRetries(
    async (attemptSignal) => {
      // The attempt's own timeout must stop applying once the answer flows, so it only feeds this controller
      // until the first token; after that a silence timer takes over.
      const controller = new AbortController();
      const abortAttempt = () => controller.abort(attemptSignal.reason);
      const abortAll = () => controller.abort(input.signal.reason);
      attemptSignal.addEventListener('abort', abortAttempt, { once: true });
      input.signal.addEventListener('abort', abortAll, { once: true });
      // One timer, pushed back by every part: a model that stalls mid-answer must not hang the request.
      const silence = setTimeout(() => controller.abort(new ModelTimeoutError(input.timeoutMs)), input.timeoutMs);
      let ended = false;
      const stop = () => {
        clearTimeout(silence);
        input.signal.removeEventListener('abort', abortAll);
        if (!ended) controller.abort();
      };

      let usage: { inputTokens?: number; outputTokens?: number } = {};
      let reader: ReadableStreamDefaultReader<LanguageModelV3StreamPart>;
      const read = async (): Promise<string | null> => {
        for (;;) {
          const result = await reader.read();
          // Cancelled by the abort listener below: say why, rather than end as if the answer were complete.
          if (controller.signal.aborted) throw controller.signal.reason;
          if (result.done) {
            ended = true;
            return null;
          }
          silence.refresh();
          const part = result.value;
          if (part.type === 'text-delta') return part.delta;
          if (part.type === 'finish') usage = { inputTokens: part.usage.inputTokens.total, outputTokens: part.usage.outputTokens.total };
          if (part.type === 'error') throw part.error;
        }
      };

      let first: string | null;
      try {
        const { stream } = await input.model.doStream({ prompt, temperature: input.temperature, abortSignal: controller.signal });
        reader = stream.getReader();
        // Aborting the fetch does not always end a body that has already arrived (the parts wait in the
        // provider's transform), so an abort cancels the reader too, which ends a pending read at once.
        controller.signal.addEventListener('abort', () => void reader.cancel(controller.signal.reason).catch(() => {}), { once: true });
        first = await read();
      } catch (error) {
        stop();
        throw error;
      } finally {
        attemptSignal.removeEventListener('abort', abortAttempt);
      }
      async function* rest(): AsyncGenerator<string, void> {
        try {
          for (let piece = await read(); piece !== null; piece = await read()) yield piece;
        } finally {
          stop();
        }
      }
      return { first: first ?? '', rest: rest(), usage: () => usage, cancel: stop };
    },
    {
      maxRetries: input.maxRetries,
      timeoutMs: input.timeoutMs,
      signal: input.signal,
      onRetry: ({ error }) => input.onRetry?.(error),
    },
  );
}
