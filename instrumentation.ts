export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServer } = await import('@/server/startup');
  await startServer();
  const { publishHotRoutes } = await import('@/server/http/fast-path');
  publishHotRoutes();
}
