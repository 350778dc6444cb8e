import { afterEach, describe, expect, it, vi } from 'vitest';
import { giveWayToInteractive, holdForInteractive } from './give-way';

/** Whether the promise has settled once pending callbacks ran. */
async function settled(promise: Promise<void>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await Promise.resolve();
  await Promise.resolve();
  return done;
}

describe('giving way to interactive requests', () => {
  afterEach(() => vi.useRealTimers());

  it('does not wait when nobody is waiting for an answer', async () => {
    expect(await settled(giveWayToInteractive(10_000))).toBe(true);
  });

  it('waits until the last interactive request is done', async () => {
    const first = holdForInteractive();
    const second = holdForInteractive();
    const wait = giveWayToInteractive(10_000);
    expect(await settled(wait)).toBe(false);
    first.release();
    expect(await settled(wait)).toBe(false);
    // Releasing twice counts once: the second request still holds.
    first.release();
    expect(await settled(wait)).toBe(false);
    second.release();
    expect(await settled(wait)).toBe(true);
  });

  it('waits no longer than its limit under a steady stream of questions', async () => {
    vi.useFakeTimers();
    const busy = holdForInteractive();
    const wait = giveWayToInteractive(200);
    await vi.advanceTimersByTimeAsync(199);
    expect(await settled(wait)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(wait)).toBe(true);
    busy.release();
    expect(await settled(giveWayToInteractive(200))).toBe(true);
  });
});
