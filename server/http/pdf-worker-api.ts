import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RouteHandler } from './route-table';

/**
 * GET /api/pdf-worker.mjs: pdf.js's worker, from the installed pdfjs-dist, served from Docent's own origin (the
 * pages' CSP allows scripts from nowhere else, and nothing is fetched from a CDN). Read from node_modules at run
 * time, not copied into public/, so it always matches the pdf.js the pages were built with; the page asks for it
 * with pdf.js's version in the query, so it can be cached for good.
 */
const WORKER = path.join(process.cwd(), 'node_modules', 'pdfjs-dist', 'build', 'pdf.worker.min.mjs');

let source: Promise<Buffer> | null = null;

export const getPdfWorker: RouteHandler = async () => {
  source ??= readFile(WORKER).catch((error: unknown) => {
    source = null;
    throw error;
  });
  return new Response(new Uint8Array(await source), {
    headers: {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=31536000, immutable',
      // The worker's own policy: it parses what the page hands it and loads nothing.
      'content-security-policy': "default-src 'none'",
    },
  });
};
