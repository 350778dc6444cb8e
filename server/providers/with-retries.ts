import { APICallError } from '@ai-sdk/provider';

export interface RetryOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Per attempt: a call that takes longer is aborted and counts as a retryable failure. */
  timeoutMs: number;
  /** First backoff; doubles every retry, with jitter, capped at 10 s. */
  baseDelayMs?: number;
  signal?: AbortSignal;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

const MAX_DELAY_MS = 10_000;
// A server asking us to wait longer than this is effectively down; fail instead of hanging the request.
const MAX_RETRY_AFTER_MS = 60_000;

export class ModelTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`The model service did not answer within ${Math.round(timeoutMs / 1000)} s`);
    this.name = 'ModelTimeoutError';
  }
}

/** 429, 408, 409, 5xx, timeouts and network failures are worth another try; a 400 or 401 never is. */
function isRetryable(error: unknown): boolean {
  if (error instanceof ModelTimeoutError) return true;
  if (APICallError.isInstance(error)) return error.isRetryable;
  // fetch() failing outright (connection refused or reset) surfaces as a TypeError.
  return error instanceof TypeError;
}

function retryAfterMs(error: unknown): number | undefined {
  if (!APICallError.isInstance(error)) return undefined;
  const headers = error.responseHeaders ?? {};
  const ms = Number(headers['retry-after-ms']);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const seconds = Number(headers['retry-after']);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

/**
 * Calls `attempt` with a per-attempt abort signal, retrying retryable failures with exponential backoff (or the
 * server's Retry-After). The AI SDK's own retries are turned off by callers (maxRetries: 0) so every retry goes
 * through here: one policy, one place to count them.
 */
export async function withRetries<T>(attempt: (signal: AbortSignal) => Promise<T>, options: RetryOptions): Promise<T> {
  const baseDelayMs = options.baseDelayMs ?? 500;
  for (let attemptNumber = 0; ; attemptNumber++) {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    try {
      return await attempt(signal);
    } catch (caught) {
      const error = timeout.aborted && !options.signal?.aborted ? new ModelTimeoutError(options.timeoutMs) : caught;
      if (options.signal?.aborted || attemptNumber >= options.maxRetries || !isRetryable(error)) throw error;
      const serverDelay = retryAfterMs(error);
      if (serverDelay !== undefined && serverDelay > MAX_RETRY_AFTER_MS) throw error;
      const backoff = Math.min(MAX_DELAY_MS, baseDelayMs * 2 ** attemptNumber) * (0.5 + Math.random() / 2);
      const delayMs = serverDelay ?? backoff;
      options.onRetry?.({ attempt: attemptNumber + 1, delayMs, error });
      await sleep(delayMs, options.signal);
    }
  }
}
