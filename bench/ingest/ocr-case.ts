/**
 * The OCR case of the ingestion benchmark: a scanned multi-page PDF (a text PDF drawn to pixels at 200 dpi and
 * wrapped back into a PDF of pictures, no text layer), made here, ingested through the real pipeline; reports OCR
 * pages/s, peak RSS and how much of the text came back.
 *
 *   npx tsx bench/ingest/ocr-case.ts [--pages 10]        # prints the result as JSON
 *
 * In `npm run bench:ingest` (the default export, `--cases ocr`) the same scan is ingested next to chat questions, for
 * pages/s, peak RSS and chat time to first token during OCR; run on its own, this file also says how much of the
 * text came back (peak RSS is the process's: tesseract.js's workers are threads of it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { MemoryStore } from '@/server/cache/memory-store';
import { parseConfig } from '@/server/config';
import { stopProcessOcrPool } from '@/server/ingest/ocr/process-ocr-pool';
import { submitDocument } from '@/server/ingest/submit';
import { IngestWorker } from '@/server/ingest/worker';
import { createLogger } from '@/server/logger';
import { createProviders } from '@/server/providers/registry';
import { vectorIndexSpec, type Services } from '@/server/services';
import { imageOnlyPdf, rasterisePdf, textPdf, wordsRecognised } from '@/test/support/scans';
import { BENCH_CALLER } from '../support/bench-caller';
import type { IngestCase } from './case';

export interface OcrCaseResult {
  pages: number;
  /** From the worker's start to the document being ready: drawing, recognition, chunking, embedding, writing. */
  seconds: number;
  pagesPerSecond: number;
  /** Share of the printed words found in the recognised text (1 = every word). */
  wordsRecognised: number;
  peakRssMb: number;
  status: string;
  error: string | null;
}

const TOPICS = ['harbour', 'lighthouse', 'ferry', 'tide', 'beacon', 'anchor', 'signal', 'keeper', 'lantern', 'rope'];

/** A page of a manual: 20 lines of ordinary sentences, different on every page. */
function pageLines(page: number): string[] {
  return Array.from({ length: 20 }, (_, line) => {
    const topic = TOPICS[(page + line) % TOPICS.length]!;
    return `Section ${page + 1}.${line + 1}: the ${topic} log is checked each morning and signed by the duty officer.`;
  });
}

/**
 * Ingests a `pages`-page scan with `env` (the app's settings: DATABASE_URL or DATA_DIR, OCR_CONCURRENCY…; by default
 * a fresh embedded database in a temporary folder) and measures it.
 */
/** A `pages`-page scan: the printed lines and the PDF of pictures of them. */
async function scanOf(pages: number): Promise<{ printed: string[][]; scan: Uint8Array }> {
  const printed = Array.from({ length: pages }, (_, page) => pageLines(page));
  return { printed, scan: await imageOnlyPdf(await rasterisePdf(await textPdf(printed))) };
}

export async function runOcrCase({ pages = 10, env = {} }: { pages?: number; env?: Record<string, string> } = {}): Promise<OcrCaseResult> {
  const { printed, scan } = await scanOf(pages);
  const dataDir = env.DATABASE_URL || env.DATA_DIR ? null : mkdtempSync(path.join(os.tmpdir(), 'docent-bench-ocr-'));
  const config = parseConfig({ LOG_LEVEL: 'silent', ...(dataDir ? { DATA_DIR: dataDir } : {}), ...env });
  const providers = createProviders(config);
  const db = await openDatabase(config.database);
  try {
    await migrateDatabase(db, vectorIndexSpec(config, providers));
    const services: Services = { config, providers, db, logger: createLogger('silent'), cache: new MemoryStore(), startedAt: new Date() };
    const { documentId } = await submitDocument(services, BENCH_CALLER, { content: scan, filename: `scan-${pages}-pages.pdf` });
    const worker = new IngestWorker(services, { concurrency: 1, leaseSeconds: config.ingest.leaseSeconds, maxAttempts: 1, pollIntervalMs: 20 });
    const started = performance.now();
    worker.start();
    let document: { status: string; error: string | null } | undefined;
    while (!document || document.status === 'queued' || document.status === 'processing') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      [document] = await db.rows<{ status: string; error: string | null }>(sql`SELECT status, error FROM documents WHERE id = ${documentId}`);
    }
    const seconds = (performance.now() - started) / 1000;
    await worker.stop();
    const chunks = await db.rows<{ content: string }>(sql`SELECT content FROM chunks WHERE document_id = ${documentId} ORDER BY ordinal`);
    return {
      pages,
      seconds: round(seconds),
      pagesPerSecond: round(pages / seconds, 100),
      wordsRecognised: round(wordsRecognised(printed.flat().join(' '), chunks.map((c) => c.content).join('\n')), 1000),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      status: document.status,
      error: document.error,
    };
  } finally {
    await stopProcessOcrPool();
    await db.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

const round = (n: number, by = 10) => Math.round(n * by) / by;

const HARNESS_PAGES = 10;

/** `npm run bench:ingest -- --cases ocr`: a 10-page scan, every page recognised by OCR, one OCR worker. */
const scannedPdf: IngestCase = {
  key: 'ocr',
  label: `one ${HARNESS_PAGES}-page scanned PDF (OCR)`,
  unit: 'pages',
  async documents() {
    const { scan } = await scanOf(HARNESS_PAGES);
    return { files: [{ content: scan, filename: `scan-${HARNESS_PAGES}-pages.pdf` }], units: HARNESS_PAGES };
  },
  env: { OCR_CONCURRENCY: '1' },
};

export default scannedPdf;

if (process.argv[1] === import.meta.filename) {
  const i = process.argv.indexOf('--pages');
  console.log(JSON.stringify(await runOcrCase({ pages: i >= 0 ? Number(process.argv[i + 1]) : undefined })));
}
