import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Canvas } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OcrPool } from '@/server/ingest/ocr/ocr-pool';
import { tempDir } from '@/test/support/databases';
import { rasterisePdf, textPdf, wordsRecognised } from '@/test/support/scans';

const SENTENCE = 'The night ferry leaves the harbour at eleven.';

describe('the OCR pool', () => {
  let page: Uint8Array;
  let denseScan: Uint8Array;
  const pools: OcrPool[] = [];
  const pool = (pageTimeoutMs = 60_000) => {
    const created = new OcrPool({ size: 1, languages: ['eng'], pageTimeoutMs, idleMs: 5_000 });
    pools.push(created);
    return created;
  };

  beforeAll(async () => {
    const [canvas] = (await rasterisePdf(await textPdf([[SENTENCE]]))) as [Canvas];
    page = new Uint8Array(await canvas.encode('png'));
    // A page packed with text, drawn large: many times the work of one line.
    const lines = Array.from({ length: 24 }, (_, i) => `Line ${i + 1}: the tide table lists high water, low water and the moon for each day.`);
    const [dense] = (await rasterisePdf(await textPdf([lines]), 400)) as [Canvas];
    denseScan = new Uint8Array(await dense.encode('png'));
  }, 60_000);
  afterAll(() => Promise.all(pools.map((p) => p.terminate())));

  it('recognises a page, and keeps its worker for the next', async () => {
    const ocr = pool();
    const first = await ocr.recognise(page);
    expect(wordsRecognised(SENTENCE, first.text)).toBeGreaterThanOrEqual(0.75);
    expect(first.confidence).toBeGreaterThan(50);
    const second = await ocr.recognise(page);
    expect(second.text).toBe(first.text);
  }, 60_000);

  it('fails a page past its time, stops that worker, and recognises the next page on a fresh one', async () => {
    const ocr = pool(3_000);
    await expect(ocr.recognise(denseScan)).rejects.toMatchObject({ name: 'OcrFailure', message: 'it took longer than 3 s (OCR_PAGE_TIMEOUT)' });
    expect(wordsRecognised(SENTENCE, (await ocr.recognise(page)).text)).toBeGreaterThanOrEqual(0.75);
  }, 60_000);

  it('says plainly when a picture cannot be opened, and carries on', async () => {
    const ocr = pool();
    const damaged = page.subarray(0, 200);
    await expect(ocr.recognise(damaged)).rejects.toThrow('the picture could not be opened; the file may be damaged');
    expect(wordsRecognised(SENTENCE, (await ocr.recognise(page)).text)).toBeGreaterThanOrEqual(0.75);
  }, 60_000);

  it('needs no network: the engine and the language data come from node_modules', async () => {
    const dir = await tempDir('docent-ocr-');
    try {
      const image = path.join(dir.path, 'page.png');
      await writeFile(image, page);
      const root = path.resolve(import.meta.dirname, '../..');
      // The guard is preloaded into the process and every thread it starts, tesseract.js's workers included.
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        ['--require', path.join(import.meta.dirname, 'no-network.cjs'), '--import', 'tsx', path.join(import.meta.dirname, 'recognise-offline.ts'), image],
        { cwd: root, timeout: 60_000 },
      );
      expect(stderr).toMatch(/NETWORK GUARD: worker thread/);
      expect(stderr).not.toMatch(/NETWORK ATTEMPT/);
      expect(wordsRecognised(SENTENCE, (JSON.parse(stdout) as { text: string }).text)).toBeGreaterThanOrEqual(0.75);
    } finally {
      await dir.remove();
    }
  }, 90_000);
});
