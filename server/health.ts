import { sql } from 'drizzle-orm';
import type { ModelInfo } from './providers/registry';
import { getBaseServices, getServices } from './services';
import { VERSION } from './version';

export interface HealthReport {
  /**
   * `ok` as the original service said it (load balancers and clients match the word); `degraded` while the
   * database is down; `draining` once the process was told to stop and is finishing its requests in flight.
   */
  status: 'ok' | 'degraded' | 'draining';
  version: string;
  uptimeSeconds: number;
  database: { status: 'up' | 'down'; driver: 'pglite' | 'postgres'; latencyMs: number | null; error?: string };
  providers: { chat: ModelInfo; embedding: ModelInfo & { dimensions: number }; offline: boolean };
}

let draining = false;

/** From now on /health answers 503 `draining`, so a load balancer stops sending requests here. */
export function markDraining(): void {
  draining = true;
}

// Health answers fast even when the database hangs: a load balancer's probe must not wait for a dead server.
const PING_TIMEOUT_MS = 1500;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function pingDatabase(): Promise<HealthReport['database']> {
  const { config } = getBaseServices();
  const started = performance.now();
  try {
    await withTimeout(sharedPing(), PING_TIMEOUT_MS);
    return { status: 'up', driver: config.database.driver, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    // The detail (host, port, driver message) goes to the log, not to an unauthenticated endpoint.
    getBaseServices().logger.warn({ err: error }, 'health: database ping failed');
    const timedOut = error instanceof Error && error.message.startsWith('no answer within');
    return { status: 'down', driver: config.database.driver, latencyMs: null, error: timedOut ? 'timeout' : 'unreachable' };
  }
}

let pingInFlight: Promise<unknown> | undefined;

/**
 * One database round trip answers every health check that arrives while it is in flight: hundreds of probes
 * at once cost one query, not a pool's worth, and each still sees the database as it is now, never a cached
 * answer from before it asked.
 */
function sharedPing(): Promise<unknown> {
  pingInFlight ??= getServices()
    .then(({ db }) => db.rows(sql`SELECT 1 AS ok`))
    .finally(() => (pingInFlight = undefined));
  return pingInFlight;
}

export async function checkHealth(): Promise<HealthReport> {
  const { providers, startedAt } = getBaseServices();
  const database = await pingDatabase();
  return {
    status: draining ? 'draining' : database.status === 'up' ? 'ok' : 'degraded',
    version: VERSION,
    uptimeSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    database,
    providers: { chat: providers.chat, embedding: providers.embedding, offline: providers.offline },
  };
}
