import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '@/server/logger';
import { counterFactory } from './limiter-store';
import { RateLimits } from './rate-limits';

const settings = { windowSeconds: 60, chat: 3, ingest: 2, upload: 0, ipFactor: 2, maxConcurrentAnswers: 1 };
const logger = createLogger('silent');
const byAddress = (ip: string) => ({ principal: `ip:${ip}`, ip });
// Until its client has connected, a Redis store counts in memory (its insurance): give it the moment it needs.
const connected = () => new Promise((resolve) => setTimeout(resolve, 500));

async function allowedOf(limits: RateLimits, kind: 'chat' | 'ingest' | 'upload', caller: { principal: string; ip: string }, times: number) {
  const verdicts = [];
  for (let i = 0; i < times; i++) verdicts.push(await limits.consume(kind, caller));
  return verdicts.map((verdict) => verdict.allowed);
}

describe.each([
  ['in memory', () => counterFactory(undefined, logger)],
  ['in Redis', () => counterFactory(inject('redisUrl'), logger)],
])('rate limits %s', (_store, counters) => {
  // A fresh key space per run: Redis outlives the test.
  const run = Math.random().toString(36).slice(2);
  const ip = (n: number) => `10.${n}.0.${run.length}`;
  const limits = new RateLimits(settings, counters());
  beforeAll(connected);

  it('allows a caller its allowance per window, then says how long to wait', async () => {
    const caller = byAddress(`${ip(1)}`);
    expect(await allowedOf(limits, 'chat', { ...caller, principal: `${caller.principal}-${run}` }, 3)).toEqual([true, true, true]);
    const refused = await limits.consume('chat', { ...caller, principal: `${caller.principal}-${run}` });
    expect(refused).toMatchObject({ allowed: false, limit: 3, windowSeconds: 60 });
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeGreaterThanOrEqual(59);
  });

  it('keeps kinds and callers apart, and turns a kind off at 0', async () => {
    const first = { principal: `user:a-${run}`, ip: ip(2) };
    const second = { principal: `user:b-${run}`, ip: ip(3) };
    expect(await allowedOf(limits, 'ingest', first, 3)).toEqual([true, true, false]);
    expect(await allowedOf(limits, 'ingest', second, 2)).toEqual([true, true]);
    expect(await allowedOf(limits, 'chat', first, 1)).toEqual([true]);
    expect(await allowedOf(limits, 'upload', first, 10)).toEqual(Array(10).fill(true));
  });

  it('limits an address too, so many principals on one machine share a larger allowance', async () => {
    const shared = ip(4);
    // ingest: 2 per principal, 2 × 2 = 4 per address.
    const verdicts = [];
    for (const name of ['a', 'b', 'c']) verdicts.push(...(await allowedOf(limits, 'ingest', { principal: `key:${name}-${run}`, ip: shared }, 2)));
    expect(verdicts).toEqual([true, true, true, true, false, false]);
  });
});

describe('rate limits in Redis', () => {
  const run = Math.random().toString(36).slice(2);
  const one = new RateLimits(settings, counterFactory(inject('redisUrl'), logger));
  const two = new RateLimits(settings, counterFactory(inject('redisUrl'), logger));
  beforeAll(connected);

  it('hold across instances: two RateLimits sharing Redis share the allowance', async () => {
    const caller = { principal: `ip:shared-${run}`, ip: `shared-${run}` };
    const verdicts = [await one.consume('chat', caller), await two.consume('chat', caller), await one.consume('chat', caller), await two.consume('chat', caller)];
    expect(verdicts.map((verdict) => verdict.allowed)).toEqual([true, true, true, false]);
  });

  it('fall back to counting in memory when Redis cannot be reached', async () => {
    const unreachable = new RateLimits(settings, counterFactory('redis://127.0.0.1:1', logger));
    const caller = byAddress('192.0.2.1');
    expect(await allowedOf(unreachable, 'chat', caller, 4)).toEqual([true, true, true, false]);
  });
});
