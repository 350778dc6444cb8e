export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServer } = await import('@/server/startup');
  await startServer();
  const { publishFastRoutes } = await import('@/server/http/fast-routes');
  publishFastRoutes();
}
