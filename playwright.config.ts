import { defineConfig } from '@playwright/test';
import {
  ADMIN_TOKEN,
  dataDir,
  FAKE_MODEL_PORT,
  FRESH_APP_PORT,
  FRESH_APP_URL,
  MODEL_APP_PORT,
  MODEL_APP_URL,
  OFFLINE_APP_PORT,
  OFFLINE_APP_URL,
  signedInState,
} from './e2e/servers';

const appEnv = { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'warn' };
const startApp = (port: number, data: string) => `rm -rf ${data} && node scripts/serve.mjs -p ${port} -H 127.0.0.1`;
// The config is evaluated in the runner and its workers; one id keeps every evaluation on the same directories.
process.env.E2E_RUN_ID ??= String(process.pid);

export default defineConfig({
  testDir: 'e2e',
  testIgnore: ['pages/**', 'fixtures/**'],
  // Each app's owner is created before the specs, which start signed in as them (e2e/servers.ts).
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: 'list',
  use: {
    baseURL: OFFLINE_APP_URL,
    storageState: signedInState('offline'),
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium: Playwright cannot download its own browser here.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      command: startApp(OFFLINE_APP_PORT, dataDir('offline')),
      url: `${OFFLINE_APP_URL}/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      // Charts sample every second so the admin e2e sees its own traffic quickly.
      // PUBLIC_URL: better-auth accepts sign-ins from that origin only.
      // RATE_LIMIT_CHAT: the history story asks ~60 questions a minute to build a long history (e2e/history.spec.ts).
      // URL_FETCH_ALLOW: the web pages story crawls a site the spec serves on loopback (e2e/web-pages.spec.ts).
      env: {
        ...appEnv,
        PUBLIC_URL: OFFLINE_APP_URL,
        DATA_DIR: dataDir('offline'),
        ADMIN_TOKEN,
        METRICS_SAMPLE_SECONDS: '1',
        RATE_LIMIT_CHAT: '300',
        URL_FETCH_ALLOW: '127.0.0.1',
      },
    },
    {
      // 400 ms per embedding request, one chunk per request: a small file takes a few seconds to process.
      command: `node --import tsx test/support/fake-openai-cli.ts --port ${FAKE_MODEL_PORT} --delay-ms 400`,
      port: FAKE_MODEL_PORT,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: startApp(MODEL_APP_PORT, dataDir('model')),
      url: `http://127.0.0.1:${MODEL_APP_PORT}/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        ...appEnv,
        PUBLIC_URL: MODEL_APP_URL,
        DATA_DIR: dataDir('model'),
        OPENAI_BASE_URL: `http://127.0.0.1:${FAKE_MODEL_PORT}/v1`,
        OPENAI_API_KEY: 'e2e',
        CHUNK_SIZE: '48',
        CHUNK_OVERLAP: '4',
        EMBED_BATCH_SIZE: '1',
        EMBED_CONCURRENCY: '1',
      },
    },
    {
      // Nobody has set this one up: its first visitor creates the owner (e2e/first-visit.spec.ts).
      command: startApp(FRESH_APP_PORT, dataDir('fresh')),
      url: `${FRESH_APP_URL}/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: { ...appEnv, PUBLIC_URL: FRESH_APP_URL, DATA_DIR: dataDir('fresh') },
    },
  ],
});
