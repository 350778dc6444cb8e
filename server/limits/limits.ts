import { getBaseServices } from '@/server/services';
import { AnswerSlots } from './answer-slots';
import { counterFactory } from './limiter-store';
import { RateLimits } from './rate-limits';
import { SignInLimiter } from './sign-in-limiter';

interface ProcessLimits {
  rateLimits: RateLimits;
  signIn: SignInLimiter;
  answers: AnswerSlots;
}

// On globalThis like the services: Next.js may load this module once per route bundle, and the counters (in
// memory) and answer slots must be one per process.
const KEY = Symbol.for('docent.limits');
const slot = globalThis as unknown as { [KEY]?: ProcessLimits };

function limits(): ProcessLimits {
  if (!slot[KEY]) {
    const { config, logger } = getBaseServices();
    const counters = counterFactory(config.redisUrl, logger);
    slot[KEY] = {
      rateLimits: new RateLimits(config.limits, counters),
      signIn: new SignInLimiter(counters),
      answers: new AnswerSlots(config.limits.maxConcurrentAnswers),
    };
  }
  return slot[KEY];
}

/**
 * Creates the process's limits at start-up rather than on the first limited request: with REDIS_URL their
 * client then has connected before traffic arrives (until it has, counts stay in this process's memory).
 */
export function startLimits(): void {
  limits();
}

export const rateLimits = (): RateLimits => limits().rateLimits;
export const signInLimiter = (): SignInLimiter => limits().signIn;
export const answerSlots = (): AnswerSlots => limits().answers;
