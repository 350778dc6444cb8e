import { describe, expect, it } from 'vitest';
import { createLogger } from '@/server/logger';
import { counterFactory } from './limiter-store';
import { SignInLimiter } from './sign-in-limiter';

const policy = { slowAfter: 3, lockAfter: 6, lockSeconds: 3600, maxDelaySeconds: 60, failuresPerAddressPerDay: 8 };
const limiter = () => new SignInLimiter(counterFactory(undefined, createLogger('silent')), policy);

async function fail(signIn: SignInLimiter, account: string, ip: string, times: number) {
  for (let i = 0; i < times; i++) await signIn.failed(account, ip);
}

describe('the sign-in limiter', () => {
  it('lets a person mistype: two failures change nothing', async () => {
    const signIn = limiter();
    await fail(signIn, 'ada', '10.0.0.1', 2);
    expect(await signIn.check('ada', '10.0.0.1')).toEqual({ allowed: true });
  });

  it('slows consecutive failures down, doubling the wait, and a success starts afresh', async () => {
    const signIn = limiter();
    await fail(signIn, 'ada', '10.0.0.1', 3);
    expect(await signIn.check('ada', '10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 1, locked: false });
    await signIn.failed('ada', '10.0.0.1');
    expect(await signIn.check('ada', '10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 2, locked: false });
    await signIn.failed('ada', '10.0.0.1');
    expect(await signIn.check('ada', '10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 4, locked: false });
    await signIn.succeeded('ada', '10.0.0.1');
    expect(await signIn.check('ada', '10.0.0.1')).toEqual({ allowed: true });
  });

  it('waits out a pause', async () => {
    const signIn = limiter();
    await fail(signIn, 'ada', '10.0.0.1', 3);
    expect((await signIn.check('ada', '10.0.0.1')).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await signIn.check('ada', '10.0.0.1')).toEqual({ allowed: true });
  });

  it('locks the account for that address after lockAfter failures, and only there', async () => {
    const signIn = limiter();
    await fail(signIn, 'ada', '10.0.0.1', 6);
    const verdict = await signIn.check('ada', '10.0.0.1');
    expect(verdict).toMatchObject({ allowed: false, locked: true });
    expect(verdict.allowed === false && verdict.retryAfterSeconds).toBeGreaterThan(3500);
    expect(await signIn.check('ada', '10.0.0.2')).toEqual({ allowed: true });
    expect(await signIn.check('grace', '10.0.0.1')).toEqual({ allowed: true });
  });

  it('locks an address that fails across many accounts for the day', async () => {
    const signIn = limiter();
    for (const account of ['a', 'b', 'c', 'd']) await fail(signIn, account, '10.0.0.9', 2);
    const verdict = await signIn.check('someone-new', '10.0.0.9');
    expect(verdict).toMatchObject({ allowed: false, locked: true });
    expect(verdict.allowed === false && verdict.retryAfterSeconds).toBeGreaterThan(23 * 3600);
  });
});
