import type { LanguageModelV3 } from '@ai-sdk/provider';
import { streamText, type ModelMessage } from 'ai';
import { ModelTimeoutError, withRetries } from '@/server/providers/with-retries';

export interface ModelStreamInput {
  model: LanguageModelV3;
  system: string;
  messages: ModelMessage[];
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

type FullStream = ReturnType<typeof streamText>['fullStream'];
type Part = FullStream extends AsyncIterable<infer P> ? P : never;

/** next() that gives up after `ms` of silence: a model that stalls mid-answer must not hang the request. */
async function nextWithin(iterator: AsyncIterator<Part>, ms: number): Promise<IteratorResult<Part>> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      iterator.next(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ModelTimeoutError(ms)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts streaming an answer. Everything up to the first token is retried (429, 5xx, network errors, timeouts)
 * with exponential backoff, because nothing has reached the user yet; after it, a failure ends the answer.
 */
export async function startModelStream(input: ModelStreamInput): Promise<ModelStream> {
  let usage: { inputTokens?: number; outputTokens?: number } = {};
  return withRetries(
    async (attemptSignal) => {
      // The attempt's own timeout must stop applying once the answer flows, so it only feeds this controller
      // until the first token.
      const controller = new AbortController();
      const abortAttempt = () => controller.abort(attemptSignal.reason);
      const abortAll = () => controller.abort(input.signal.reason);
      attemptSignal.addEventListener('abort', abortAttempt, { once: true });
      input.signal.addEventListener('abort', abortAll, { once: true });
      const result = streamText({
        model: input.model,
        system: input.system,
        messages: input.messages,
        temperature: input.temperature,
        maxRetries: 0,
        abortSignal: controller.signal,
        // Failures surface through the stream and are handled (and logged) by the caller.
        onError: () => {},
      });
      const iterator = result.fullStream[Symbol.asyncIterator]();
      const read = async (): Promise<string | null> => {
        for (;;) {
          const { value: part, done } = await nextWithin(iterator, input.timeoutMs);
          if (done) return null;
          if (part.type === 'text-delta') return part.text;
          if (part.type === 'finish') usage = { inputTokens: part.totalUsage.inputTokens, outputTokens: part.totalUsage.outputTokens };
          if (part.type === 'error') throw part.error;
          if (part.type === 'abort') throw controller.signal.reason ?? new Error('aborted');
        }
      };
      let first: string | null;
      try {
        first = await read();
      } catch (error) {
        controller.abort();
        throw error;
      } finally {
        attemptSignal.removeEventListener('abort', abortAttempt);
      }
      async function* rest(): AsyncGenerator<string, void> {
        try {
          for (let piece = await read(); piece !== null; piece = await read()) yield piece;
        } finally {
          input.signal.removeEventListener('abort', abortAll);
          controller.abort();
        }
      }
      return { first: first ?? '', rest: rest(), usage: () => usage, cancel: () => controller.abort() };
    },
    {
      maxRetries: input.maxRetries,
      timeoutMs: input.timeoutMs,
      signal: input.signal,
      onRetry: ({ error }) => input.onRetry?.(error),
    },
  );
}
