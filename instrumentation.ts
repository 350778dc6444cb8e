/**
 * Runs once when the server starts: validates the configuration (exiting with the bad variable named) and
 * opens and migrates the database, so the first request does not pay for it.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { ConfigError } = await import('@/server/config');
  const { getBaseServices, getServices } = await import('@/server/services');
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
