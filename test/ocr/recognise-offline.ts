/**
 * Run by test/ocr/ocr-offline.test.ts under test/ocr/no-network.cjs: recognises the image whose path it is given
 * with Docent's OCR pool and prints the text as JSON.
 */
import { readFileSync } from 'node:fs';
import { OcrPool } from '@/server/ingest/ocr/ocr-pool';

const pool = new OcrPool({ size: 1, languages: ['eng'], pageTimeoutMs: 60_000, idleMs: 1_000 });
try {
  const recognised = await pool.recognise(new Uint8Array(readFileSync(process.argv[2]!)));
  process.stdout.write(JSON.stringify(recognised));
} finally {
  await pool.terminate();
}
