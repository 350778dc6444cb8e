import type { Config } from '@/server/config';
import { OcrPool } from './ocr-pool';

const IDLE_MS = 60_000;

// On globalThis like the ingestion threads: one pool per process, whatever the bundling.
const KEY = Symbol.for('docent.ocrPool');
const slot = globalThis as unknown as { [KEY]?: OcrPool };

/** This process's OCR workers, created on first use (only a process that ingests ever asks). */
export function processOcrPool(config: Config): OcrPool {
  slot[KEY] ??= new OcrPool({ size: config.ocr.concurrency, languages: config.ocr.languages, pageTimeoutMs: config.ocr.pageTimeoutMs, idleMs: IDLE_MS });
  return slot[KEY];
}

/** Stops this process's OCR workers, if it started any (shutdown). */
export async function stopProcessOcrPool(): Promise<void> {
  await slot[KEY]?.terminate();
}
