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

  it('asks its caller to recognise pictures, reports progress, and does not count the recognition against the task’s time', async () => {
    const pool = new ThreadPool({ size: 1, memoryMb: 256, idleMs: 5_000 });
    expect(await pool.run(prepare('Warm-up.'), { timeoutMs: 30_000 })).toMatchObject({ ok: true });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const seen: Uint8Array[] = [];
    const progress: Array<[string, number, number]> = [];
    const reply = await pool.run(
      { ...prepare(''), content: png, filename: 'notice.png' },
      {
        timeoutMs: 1_500,
        onProgress: ({ stage, done, total }) => progress.push([stage, done, total]),
        // Slower than the task may take: the clock stops while the picture is recognised.
        recognise: async (image) => {
          seen.push(image);
          await new Promise((resolve) => setTimeout(resolve, 3_000));
          return { text: 'Ferries sail at noon.', confidence: 91 };
        },
      },
    );
    expect(seen.map((image) => [...image])).toEqual([[...png]]);
    // The image read (one page), then the offline embedder's one piece.
    expect(progress).toEqual([
      ['read', 1, 1],
      ['embed', 1, 1],
    ]);
    expect(reply).toMatchObject({ ok: true, kind: 'prepare', document: { ocrPages: [1], pieces: [{ content: 'Ferries sail at noon.', pageStart: 1 }] } });
  }, 60_000);

  it('fails the document with the reason when recognition fails', async () => {
    const pool = new ThreadPool({ size: 1, memoryMb: 256, idleMs: 5_000 });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const reply = await pool.run(
      { ...prepare(''), content: png, filename: 'notice.png' },
      { timeoutMs: 30_000, recognise: () => Promise.reject(new Error('it took longer than 60 s (OCR_PAGE_TIMEOUT)')) },
    );
    expect(reply).toEqual({ ok: false, reason: 'Text recognition (OCR) failed on this image: it took longer than 60 s (OCR_PAGE_TIMEOUT).' });
  }, 60_000);
});
