import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

/**
 * The layers lean one way, app/ → server/ → db/, and server's features do not reach into each other: a capability
 * two features need (embedding, token counting) is a module of its own. Checked on resolved paths, so `@/…` and
 * relative imports are caught alike. Tests, scripts and benchmarks stand outside the layers.
 */
const LAYERS = [
  { target: './db', from: './server', message: 'db/ is the bottom layer: take plain options instead of importing server/.' },
  { target: './db', from: './app', message: 'db/ is the bottom layer.' },
  { target: './server', from: './app', message: 'server/ does not know the pages: app/ calls server/, never the reverse.' },
  { target: './app', from: './db', message: 'Pages reach the database through server/ (tRPC procedures or server functions).' },
  { target: ['./db', './server'], from: './node_modules/next', message: 'Domain code has no Next.js imports: only app/ talks to the framework.' },
  // The HTTP and tRPC edges call the domain; the domain never calls an edge.
  {
    target: ['./server/!(http|trpc)/**/*', './server/*.ts'],
    from: ['./server/http', './server/trpc'],
    message: 'Domain code must not depend on an HTTP or tRPC edge: move what both need into the domain.',
  },
  { target: './server/chat', from: './server/ingest', message: 'Chat must not reach into ingestion: share a module (e.g. server/embedding).' },
  { target: './server/ingest', from: './server/chat', message: 'Ingestion must not reach into chat.' },
  { target: './server/embedding', from: ['./server/chat', './server/ingest'], message: 'Embedding serves chat and ingestion; it imports neither.' },
];

const config = [
  {
    ignores: ['.next/**', 'node_modules/**', 'data/**', 'drizzle/**', 'test-results/**', 'reports/**', 'next-env.d.ts', 'bench/node_modules/**'],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    files: ['app/**', 'server/**', 'db/**'],
    ignores: ['**/*.test.ts'],
    rules: { 'import/no-restricted-paths': ['error', { zones: LAYERS }] },
  },
  {
    // Scripts and test tooling talk to a terminal.
    files: ['scripts/**', 'test/**', 'bench/**', 'e2e/**'],
    rules: { 'no-console': 'off' },
  },
];

export default config;
