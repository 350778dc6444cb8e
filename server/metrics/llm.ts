import { APICallError } from '@ai-sdk/provider';
import type { Config } from '@/server/config';
import { metrics } from './registry';

/** Counts tokens and their estimated cost for a model call. */
export function recordTokens(
  prices: Config['modelPrices'],
  model: string,
  usage: { inputTokens?: number; outputTokens?: number },
): void {
  const m = metrics();
  const input = usage.inputTokens ?? 0;
  const output = usage.outputTokens ?? 0;
  if (input > 0) m.llmTokens.inc({ model, direction: 'input' }, input);
  if (output > 0) m.llmTokens.inc({ model, direction: 'output' }, output);
  const price = prices[model];
  if (price) m.llmCost.inc({ model }, (input * price.input + output * price.output) / 1_000_000);
}

/** A retry of a model call, and whether it was the provider's rate limit. */
export function recordRetry(operation: 'chat' | 'embedding', error: unknown): void {
  metrics().llmRetries.inc({ operation });
  if (APICallError.isInstance(error) && error.statusCode === 429) metrics().llmRateLimited.inc({ operation });
}

/** A model call that failed for good, counted as a rate-limit hit when the provider said 429. */
export function recordFailure(operation: 'chat' | 'embedding', error: unknown): void {
  if (APICallError.isInstance(error) && error.statusCode === 429) metrics().llmRateLimited.inc({ operation });
}
