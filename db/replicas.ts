import { sql } from 'drizzle-orm';
import type { Database } from './client';

/**
 * Read replicas (streaming standbys) for the reads that tolerate a little lag. Each replica's replay lag is polled
 * in the background; a replica that does not answer, or lags past `maxLagSeconds`, is left out until it catches
 * up, and a read with no usable replica goes to the primary.
 */

interface ReplicaStatus {
  /** `replica-1`, `replica-2`…: the order of DATABASE_READ_URL, never the URL (it may hold a password). */
  label: string;
  /** Seconds behind the primary at the last poll; null when the replica did not answer. */
  lagSeconds: number | null;
  usable: boolean;
}

export interface ReplicaSet {
  /** A usable replica, in turn; null when none is. */
  pick(): Database | null;
  status(): ReplicaStatus[];
  /** Polls every replica once now (the background poll runs every `pollMs`). */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

/**
 * How far a standby is behind: nothing when it has replayed all it received; otherwise the age of the last
 * transaction it replayed, which over-states the lag after a quiet spell on the primary: safe, it only sends reads
 * to the primary a little longer.
 */
const LAG = sql`SELECT CASE
  WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
  ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)
END::float8 AS lag`;

export function createReplicaSet(replicas: Database[], options: { maxLagSeconds: number; pollMs: number; timeoutMs: number }): ReplicaSet {
  const states = replicas.map((db, i) => ({ db, label: `replica-${i + 1}`, lagSeconds: null as number | null }));
  const usable = (s: (typeof states)[number]) => s.lagSeconds !== null && s.lagSeconds <= options.maxLagSeconds;
  let turn = 0;

  async function poll(state: (typeof states)[number]): Promise<void> {
    const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), options.timeoutMs).unref());
    const lag = state.db.rows<{ lag: number }>(LAG).then(
      ([row]) => Number(row?.lag ?? 0),
      () => null,
    );
    state.lagSeconds = await Promise.race([lag, timeout]);
  }
  const refresh = async () => {
    await Promise.all(states.map(poll));
  };
  let polling: Promise<void> | null = null;
  const timer = setInterval(() => {
    // One poll at a time: a replica that hangs must not pile up polls.
    polling ??= refresh().finally(() => (polling = null));
  }, options.pollMs);
  timer.unref();

  return {
    pick() {
      const candidates = states.filter(usable);
      if (candidates.length === 0) return null;
      return candidates[turn++ % candidates.length]!.db;
    },
    status: () => states.map((s) => ({ label: s.label, lagSeconds: s.lagSeconds, usable: usable(s) })),
    refresh,
    async close() {
      clearInterval(timer);
      await Promise.all(states.map((s) => s.db.close()));
    },
  };
}
