import type { Database } from '@/db/client';
import type { Services } from './services';

/**
 * Which database a lag-tolerant read goes to: a read replica (DATABASE_READ_URL), unless the person asking wrote
 * something moments ago, whose reads then go to the primary so that they see it (read-your-writes): the
 * conversation they just had answered, the document they just uploaded. "Moments" is as long as a usable replica
 * can be behind (READ_MAX_LAG_SECONDS) plus one poll of its lag; the mark is kept in the cache store, so with
 * REDIS_URL every instance knows it.
 */

type Deps = Pick<Services, 'db' | 'cache' | 'config'>;
/** Reads need only the database: without replicas there is nothing to choose (tests and benchmarks pass just `db`). */
type ReadDeps = Pick<Services, 'db'> & Partial<Pick<Services, 'cache'>>;

const POLL_SECONDS = 1;
const wroteKey = (userId: string) => `wrote-recently:${userId}`;

function windowSeconds(config: Services['config']): number {
  const maxLag = config.database.driver === 'postgres' ? (config.database.readMaxLagSeconds ?? 5) : 0;
  return maxLag + POLL_SECONDS + 1;
}

/** Records that `userId` changed something: their reads stay on the primary for the window. */
export async function noteWrite(deps: Deps, userId: string): Promise<void> {
  if (!deps.db.replicas) return;
  await deps.cache.set(wroteKey(userId), Date.now(), windowSeconds(deps.config));
}

/** The database for a read that tolerates lag, on behalf of `userId` (or of nobody in particular). */
export async function readerFor(deps: ReadDeps, userId?: string): Promise<Database> {
  const replica = deps.db.replicas?.pick();
  if (!replica) return deps.db;
  if (userId !== undefined && (await deps.cache?.get(wroteKey(userId))) !== undefined) return deps.db;
  return replica;
}
