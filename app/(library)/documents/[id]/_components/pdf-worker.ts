// pdf.js's parser, run as a module worker bundled by Next.js and served from Docent's own origin (/_next/static):
// the page's CSP allows no other, and nothing is fetched from a CDN. Importing it is enough: it listens on `self`.
import 'pdfjs-dist/build/pdf.worker.min.mjs';
