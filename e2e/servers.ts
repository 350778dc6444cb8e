import os from 'node:os';
import path from 'node:path';

/**
 * The servers the e2e run starts (see playwright.config.ts): the app on the embedded default (offline models),
 * and the app backed by the fake OpenAI-compatible server, whose deliberate delay makes processing take a few
 * seconds so a user (and the test) can watch documents go through `processing` for real.
 */
const base = Number(process.env.E2E_PORT ?? 3100);

export const OFFLINE_APP_PORT = base;
export const MODEL_APP_PORT = base + 1;
export const FAKE_MODEL_PORT = base + 99;

export const OFFLINE_APP_URL = `http://127.0.0.1:${OFFLINE_APP_PORT}`;
export const MODEL_APP_URL = `http://127.0.0.1:${MODEL_APP_PORT}`;
/** The fake model server itself, for its `/_control/*` endpoints. */
export const FAKE_MODEL_URL = `http://127.0.0.1:${FAKE_MODEL_PORT}`;

/** The offline app's admin token, so the admin e2e can sign in. */
export const ADMIN_TOKEN = 'e2e-admin-token-0123456789';

/** Fresh, empty data directories for every run. */
export const dataDir = (name: string) => path.join(os.tmpdir(), `docent-e2e-${name}-${process.env.E2E_RUN_ID ?? process.pid}`);
