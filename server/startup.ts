import { ConfigError } from './config';
import { getBaseServices, getServices } from './services';

/**
 * Called once when the server process starts: validates the configuration (exiting with the bad variable
 * named) and opens and migrates the database, so the first request does not pay for it.
 */
export async function startServer(): Promise<void> {
  try {
    getBaseServices();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`docent: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  // A database that is down at start-up is not fatal: /health reports it and the next request retries.
  await getServices().catch(() => {});
}
