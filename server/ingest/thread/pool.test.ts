import { describe, expect, it } from 'vitest';
import { NO_LIMITS } from '../extract/limits';
import { stoppedFor, ThreadPool } from './pool';

const text = (value: string) => new TextEncoder().encode(value);
const prepare = (value: string) =>
  ({ kind: 'prepare', content: text(value), filename: 'note.txt', limits: NO_LIMITS, chunkSize: 64, chunkOverlap: 4, offlineEmbedder: 'hashed' }) as const;

describe('the ingestion thread pool', () => {
  it('reads, chunks and embeds in a thread, and keeps the thread for the next task', async () => {
    const pool = new ThreadPool({ size: 1, memoryMb: 256, idleMs: 5_000 });
    const first = await pool.run(prepare('The lamp lasts four thousand hours. Replace it with part LH-88.'), { timeoutMs: 30_000 });
    expect(first).toMatchObject({ ok: true, kind: 'prepare', document: { pieces: [{ ordinal: 0, content: expect.stringContaining('LH-88') }], dimensions: 768 } });
    const started = performance.now();
    const both = await Promise.all([pool.run(prepare('Second note.'), { timeoutMs: 30_000 }), pool.run(prepare('Third note.'), { timeoutMs: 30_000 })]);
    expect(both.map((reply) => reply.ok)).toEqual([true, true]);
    // No thread start (hundreds of milliseconds: it loads pdf.js, mammoth, the tokenizer) for the kept thread.
    expect(performance.now() - started).toBeLessThan(2_000);
  }, 60_000);

  it('stops a task past its time, says so, and starts afresh for the next', async () => {
    const pool = new ThreadPool({ size: 1, memoryMb: 256, idleMs: 5_000 });
    const error = await pool.run(prepare('Too slow to start.'), { timeoutMs: 1 }).catch((thrown: unknown) => thrown);
    expect(stoppedFor(error, 'timeout')).toBe(true);
    expect(await pool.run(prepare('On time.'), { timeoutMs: 30_000 })).toMatchObject({ ok: true });
  }, 60_000);

  it('stops a task when its caller gives up', async () => {
    const pool = new ThreadPool({ size: 1, memoryMb: 256, idleMs: 5_000 });
    const controller = new AbortController();
    const running = pool.run(prepare('Abandoned.'), { timeoutMs: 30_000, signal: controller.signal });
    controller.abort(new Error('lease lost'));
    await expect(running).rejects.toThrow('lease lost');
  }, 60_000);

  it('answers an unreadable document with its reason, not an error', async () => {
    const pool = new ThreadPool({ size: 1, memoryMb: 256, idleMs: 5_000 });
    const reply = await pool.run({ ...prepare(''), content: new Uint8Array(0) }, { timeoutMs: 30_000 });
    expect(reply).toEqual({ ok: false, reason: 'This file is empty; there is nothing to read.' });
  }, 60_000);
});
