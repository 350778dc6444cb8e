import { request } from '@playwright/test';
import { MODEL_APP_URL, OFFLINE_APP_URL, OWNER, signedInState } from './servers';

/**
 * Every app the specs use gets its owner before any spec runs, as its first visitor would create them
 * (POST /api/setup signs them in too); the signed-in state is saved for the specs to start from.
 */
export default async function globalSetup() {
  const apps = [
    { url: OFFLINE_APP_URL, state: signedInState('offline') },
    { url: MODEL_APP_URL, state: signedInState('model') },
  ];
  for (const app of apps) {
    const context = await request.newContext({ baseURL: app.url });
    const response = await context.post('/api/setup', { data: OWNER });
    if (response.status() !== 204) throw new Error(`Creating the owner on ${app.url} failed: ${response.status()} ${await response.text()}`);
    await context.storageState({ path: app.state });
    await context.dispose();
  }
}
