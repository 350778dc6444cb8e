'use client';

type PdfJs = typeof import('pdfjs-dist');

let loading: Promise<PdfJs> | null = null;

/**
 * pdf.js, loaded on first use (it is large), its worker served by Docent itself (server/http/pdf-worker-api.ts) and
 * started once for the whole tab.
 */
export function loadPdfJs(): Promise<PdfJs> {
  loading ??= import('pdfjs-dist').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = `/api/pdf-worker.mjs?v=${pdfjs.version}`;
    return pdfjs;
  });
  return loading;
}
