import os from 'node:os';
import path from 'node:path';

/**
 * The servers the e2e run starts (see playwright.config.ts): the app on the embedded default (offline models),
 * the app backed by the fake OpenAI-compatible server, whose deliberate delay makes processing take a few
 * seconds so a user (and the test) can watch documents go through `processing` for real, and a fresh install
 * nobody has set up, for its first visitor.
 */
const base = Number(process.env.E2E_PORT ?? 3100);

export const OFFLINE_APP_PORT = base;
export const MODEL_APP_PORT = base + 1;
export const FRESH_APP_PORT = base + 2;
export const FAKE_MODEL_PORT = base + 99;

export const OFFLINE_APP_URL = `http://127.0.0.1:${OFFLINE_APP_PORT}`;
export const MODEL_APP_URL = `http://127.0.0.1:${MODEL_APP_PORT}`;
export const FRESH_APP_URL = `http://127.0.0.1:${FRESH_APP_PORT}`;
/** The fake model server itself, for its `/_control/*` endpoints. */
export const FAKE_MODEL_URL = `http://127.0.0.1:${FAKE_MODEL_PORT}`;

/** The offline app's admin token, for scrapers of /metrics. */
export const ADMIN_TOKEN = 'e2e-admin-token-0123456789';

/** Fresh, empty data directories for every run. */
export const dataDir = (name: string) => path.join(os.tmpdir(), `docent-e2e-${name}-${process.env.E2E_RUN_ID ?? process.pid}`);

/** The owner e2e/global-setup.ts creates on the offline and model apps. */
export const OWNER = { name: 'Olive Owner', email: 'owner@docent.test', password: 'owner-password-e2e' };

/**
 * The owner's signed-in browser state for an app, saved by the global setup. One file per app: cookies do not
 * tell ports apart, and each app has its own sessions.
 */
export const signedInState = (app: 'offline' | 'model') => path.join(os.tmpdir(), `docent-e2e-${app}-owner-${process.env.E2E_RUN_ID ?? process.pid}.json`);

/** `test.use(ON_MODEL_APP)`: the specs that need a model server, signed in there as its owner. */
export const ON_MODEL_APP = { baseURL: MODEL_APP_URL, storageState: signedInState('model') };

/** `test.use(SIGNED_OUT)`: a browser nobody has signed in with yet. */
export const SIGNED_OUT = { storageState: { cookies: [], origins: [] } };
