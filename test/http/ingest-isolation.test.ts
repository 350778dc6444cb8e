import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpOwner } from '@/test/support/accounts';
import { startAppServer, type AppServer } from '@/test/support/app-server';
import { createPostgresDatabase } from '@/test/support/databases';
import { manyPagePdf, singleWord } from '@/test/support/hostile-files';

/**
 * Hostile documents are read in ingestion threads, never on the web server's event loop: while one is processed,
 * health checks stay fast. (Before, a 20,000-page PDF stalled the process for minutes: unpdf read every page at
 * once on the event loop.) PostgreSQL, not PGlite: the embedded database runs on the main thread by design.
 *
 * 3,000 pages, not 20,000: the bound is relative to the same server idle, and 3,000 pages keep it busy for over ten
 * seconds (hundreds of health checks), where reading them on the event loop would stall checks for seconds.
 */

const PAGES = 3_000;

interface Sampled {
  samples: number[];
  p99: number;
  max: number;
}

/** Calls /health back to back until `done` settles; every answer must be 200. */
async function sampleHealth(url: string, done: Promise<unknown>): Promise<Sampled> {
  let finished = false;
  void done.finally(() => (finished = true));
  const samples: number[] = [];
  while (!finished) {
    const started = performance.now();
    const response = await fetch(`${url}/health`);
    await response.arrayBuffer();
    samples.push(performance.now() - started);
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return { samples, p99: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!, max: sorted.at(-1)! };
}

const idleHealth = (url: string) => sampleHealth(url, new Promise((resolve) => setTimeout(resolve, 2_000)));

/**
 * The bound a p99 is held to: 100 ms, or on a machine too busy for that (the whole suite runs two test files at
 * once on two cores), four times the p99 of the same server idle, measured just before and just after (the other
 * test file's load changes within seconds: one idle sample taken in a calm moment made the bound too tight once).
 * A document processed on the event loop stalls every health check for seconds, far past either.
 */
function boundOf(before: { p99: number }, after: { p99: number }, floorMs = 100): number {
  return Math.max(floorMs, 4 * Math.max(before.p99, after.p99));
}

// An 8 MB request body is parsed, hashed and stored on the event loop, and its strings cost the heap major
// collections: on a quiet machine that alone put the p99 between 45 and 118 ms (max 130–230 ms) in repeated runs.
// Processing the word there instead would stall for seconds, which this floor still fails.
const LARGE_BODY_FLOOR_MS = 250;

describe('health while hostile documents are processed', () => {
  let app: AppServer;
  let pdf: Uint8Array<ArrayBuffer>;
  beforeAll(async () => {
    [app, pdf] = await Promise.all([
      startAppServer({
        DATABASE_URL: await createPostgresDatabase(),
        MAX_DOCUMENT_PAGES: '5000',
        RATE_LIMIT_INGEST: '0',
        RATE_LIMIT_UPLOAD: '0',
        ALLOW_ANONYMOUS_API: 'true',
      }),
      manyPagePdf(PAGES),
    ]);
  }, 240_000);
  afterAll(async () => {
    await app?.stop();
  });

  async function settled(documentId: string) {
    for (;;) {
      const document = (await fetch(`${app.url}/documents/${documentId}`).then((r) => r.json())) as { status: string; chunk_count: number; error: string | null };
      if (document.status === 'ready' || document.status === 'failed') return document;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it('keeps health checks fast (p99 under 100 ms, or 4× idle on a busy machine) while a 3,000-page PDF is read, chunked and embedded', async () => {
    const form = new FormData();
    form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'manual.pdf');
    const upload = await fetch(`${app.url}/api/documents/upload`, { method: 'POST', body: form, headers: { cookie: (await setUpOwner(app)).cookie } });
    expect(upload.status).toBe(202);
    const { documents } = (await upload.json()) as { documents: Array<{ document_id: string }> };
    const idleBefore = await idleHealth(app.url);
    const processed = settled(documents[0]!.document_id);
    const health = await sampleHealth(app.url, processed);
    const document = await processed;
    const bound = boundOf(idleBefore, await idleHealth(app.url));
    console.log(`3,000-page PDF: ${health.samples.length} health checks, p99 ${health.p99.toFixed(1)} ms (bound ${bound.toFixed(0)} ms), max ${health.max.toFixed(1)} ms`);
    expect(document).toMatchObject({ status: 'ready', chunk_count: expect.any(Number) });
    // A chunk holds ~60 of these short pages: the document is read through, not cut short.
    expect(document.chunk_count).toBeGreaterThan(PAGES / 100);
    expect(health.samples.length).toBeGreaterThan(20);
    expect(health.p99).toBeLessThan(bound);
  }, 600_000);

  it('keeps health checks fast (p99 under 250 ms, or 4× idle on a busy machine) while an 8 MB single word is ingested', async () => {
    const idleBefore = await idleHealth(app.url);
    const ingest = fetch(`${app.url}/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: singleWord(8_000_000), title: 'One long word' }),
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as { status: string; chunk_count: number } }));
    const health = await sampleHealth(app.url, ingest);
    const { status, body } = await ingest;
    const bound = boundOf(idleBefore, await idleHealth(app.url), LARGE_BODY_FLOOR_MS);
    console.log(`8 MB word: ${health.samples.length} health checks, p99 ${health.p99.toFixed(1)} ms (bound ${bound.toFixed(0)} ms), max ${health.max.toFixed(1)} ms`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'indexed' });
    expect(health.samples.length).toBeGreaterThan(20);
    expect(health.p99).toBeLessThan(bound);
  }, 600_000);

  it('refuses a PDF past MAX_DOCUMENT_PAGES before storing it, and stops a document past INGEST_DOCUMENT_TIMEOUT with the reason', async () => {
    const strict = await startAppServer({ DATABASE_URL: await createPostgresDatabase(), MAX_DOCUMENT_PAGES: '1000', INGEST_DOCUMENT_TIMEOUT: '1', ALLOW_ANONYMOUS_API: 'true' });
    try {
      const form = new FormData();
      form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'manual.pdf');
      const refused = await fetch(`${strict.url}/api/documents/upload`, { method: 'POST', body: form, headers: { cookie: (await setUpOwner(strict)).cookie } });
      expect(refused.status).toBe(413);
      expect(await refused.json()).toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
        error: 'This PDF has 3,000 pages; Docent reads at most 1,000 (MAX_DOCUMENT_PAGES). Split it into smaller files.',
      });
      expect(((await fetch(`${strict.url}/api/documents`).then((r) => r.json())) as { documents: unknown[] }).documents).toEqual([]);

      const slow = await fetch(`${strict.url}/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: singleWord(8_000_000) }),
      });
      expect(slow.status).toBe(500);
      expect(await slow.json()).toMatchObject({
        code: 'DOCUMENT_INGEST_ERROR',
        error: 'Reading this document took longer than 1 s (INGEST_DOCUMENT_TIMEOUT), so it was stopped. Split it into smaller files.',
      });
      expect((await fetch(`${strict.url}/health`)).status).toBe(200);
    } finally {
      await strict.stop();
    }
  }, 300_000);
});
