import net from 'node:net';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { observePglite, observePostgres, type QueryObserver } from './observe';
import { prepareParameterised } from './postgres-intercept';
import { createReplicaSet, type ReplicaSet } from './replicas';
import * as schema from './schema';

export type Orm = PgDatabase<PgQueryResultHKT, typeof schema>;
/** Server settings (GUCs) by name, e.g. `{ 'hnsw.ef_search': '40' }`. */
export type SessionSettings = Record<string, string>;

/** How to reach the database: the embedded PGlite under a directory, or a PostgreSQL server and its pool. */
export type DatabaseOptions =
  | { driver: 'pglite'; dataDir: string }
  | {
      driver: 'postgres';
      url: string;
      poolMax: number;
      idleTimeoutSeconds: number;
      maxLifetimeSeconds: number;
      connectTimeoutSeconds: number;
      statementTimeoutMs: number;
      /** Named prepared statements; off behind PgBouncer in transaction mode. */
      prepare: boolean;
      /**
       * `transaction`: `url` is a pooler in transaction mode (PgBouncer), where consecutive statements may run on
       * different server connections: nothing is set per connection, and work that needs one session (advisory
       * locks, migrations) goes to `directUrl`.
       */
      poolMode?: 'session' | 'transaction';
      /** PostgreSQL itself, bypassing the pooler; defaults to `url`. */
      directUrl?: string;
      /** Streaming replicas for reads that tolerate lag (db/replicas.ts). */
      readUrls?: string[];
      /** A replica further behind than this is left out until it catches up. */
      readMaxLagSeconds?: number;
    };
type PostgresOptions = Extract<DatabaseOptions, { driver: 'postgres' }>;

/** One handle for both drivers: the app never branches on which database it runs on, except here. */
export interface Database {
  driver: 'pglite' | 'postgres';
  orm: Orm;
  /** Runs raw SQL (built with drizzle's `sql` tag, so values are parameters) and returns its rows. */
  rows<T extends Record<string, unknown>>(query: SQL, on?: Orm): Promise<T[]>;
  /** Runs `work` on one dedicated connection, e.g. to hold a session-level advisory lock across statements. */
  withConnection<T>(work: (orm: Orm) => Promise<T>): Promise<T>;
  /**
   * Settings every connection starts with (the vector search defaults): a query that needs exactly these runs
   * as one statement instead of a transaction that sets them first.
   */
  sessionSettings: Readonly<SessionSettings>;
  /** Read replicas, when configured: server/read-routing.ts decides which reads may use them. */
  replicas: ReplicaSet | null;
  close(): Promise<void>;
}

/** postgres.js returns an array of rows, PGlite `{ rows }`: normalise so callers don't care. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

async function execute<T extends Record<string, unknown>>(orm: Orm, query: SQL): Promise<T[]> {
  return rowsOf<T>(await orm.execute(query));
}

export async function openPglite(dataDir: string, observer?: QueryObserver, sessionSettings: SessionSettings = {}): Promise<Database> {
  const created = await PGlite.create({ dataDir: path.resolve(dataDir), extensions: { vector } });
  // PGlite is one connection: its session settings are set once.
  for (const [name, value] of Object.entries(sessionSettings)) await created.query('SELECT set_config($1, $2, false)', [name, value]);
  const client = observer ? observePglite(created, observer) : created;
  const orm = drizzlePglite({ client, schema }) as unknown as Orm;
  return {
    driver: 'pglite',
    orm,
    rows: (query, on = orm) => execute(on, query),
    // PGlite is a single in-process connection already.
    withConnection: (work) => work(orm),
    sessionSettings,
    replicas: null,
    close: () => client.close(),
  };
}

/** What postgres.js hands a custom socket factory: the parsed hosts, ports and unix socket path. */
interface SocketTarget {
  host: string[];
  port: number[];
  path?: string | false;
}

/**
 * postgres.js opens its sockets with Nagle's algorithm on (libpq, npgsql and pgjdbc turn it off): the last,
 * small packet of a large write (the end of a COPY, the tail of a query carrying a 20 KB vector) then waits for
 * the server's delayed ACK, ~40 ms on Linux. Measured: 100-row COPYs ran at 1,900 rows/s with it, 11,000
 * without. The hosts of a multi-host URL are tried in turn, as postgres.js does.
 */
function noDelaySockets(): (target: SocketTarget) => net.Socket {
  let next = 0;
  return ({ host, port, path }) => {
    if (path) return net.connect({ path });
    const i = next++ % host.length;
    return net.connect({ host: host[i], port: port[i] ?? port[0] ?? 5432, noDelay: true });
  };
}

function createPostgresClient(options: PostgresOptions, max: number, sessionSettings: SessionSettings) {
  const client = postgres(options.url, {
    // Not in postgres.js's types, but documented in its README ("socket: custom socket implementation").
    ...({ socket: noDelaySockets() } as object),
    max,
    idle_timeout: options.idleTimeoutSeconds,
    max_lifetime: options.maxLifetimeSeconds,
    connect_timeout: options.connectTimeoutSeconds,
    // Off for PgBouncer in transaction mode, where named prepared statements break.
    prepare: options.prepare,
    // Sent in the startup packet: in force from the connection's first statement, at no extra round trip. A
    // transaction pooler passes application_name only: its statement timeout is the database role's setting.
    connection:
      options.poolMode === 'transaction'
        ? { application_name: 'docent' }
        : { ...sessionSettings, statement_timeout: options.statementTimeoutMs, application_name: 'docent' },
    onnotice: () => {},
  });
  return options.prepare ? prepareParameterised(client) : client;
}

export function openPostgres(options: PostgresOptions, observer?: QueryObserver, requestedSettings: SessionSettings = {}): Database {
  const pooled = options.poolMode === 'transaction';
  // A transaction pooler refuses unknown startup parameters and would not keep them between transactions: with
  // no connection settings, searches set theirs per transaction (db/queries/chunk-search.ts).
  const sessionSettings = pooled ? {} : requestedSettings;
  const pool = createPostgresClient(options, options.poolMax, sessionSettings);
  const direct: PostgresOptions = { ...options, url: options.directUrl ?? options.url, poolMode: 'session' };
  const client = observer ? observePostgres(pool, observer) : pool;
  const orm = drizzlePostgres({ client, schema }) as unknown as Orm;
  return {
    driver: 'postgres',
    orm,
    rows: (query, on = orm) => execute(on, query),
    async withConnection(work) {
      // A one-connection client of its own: every statement of `work` is guaranteed the same session.
      // Behind a transaction pooler that is PostgreSQL itself: the pooler would move a session lock's statements
      // between server connections and leave the lock held.
      const single = createPostgresClient(direct, 1, requestedSettings);
      try {
        return await work(drizzlePostgres({ client: single, schema }) as unknown as Orm);
      } finally {
        await single.end({ timeout: 5 });
      }
    },
    sessionSettings,
    replicas: null,
    close: () => client.end({ timeout: 5 }),
  };
}

const REPLICA_POLL_MS = 1_000;

/** The primary with its read replicas: a Database whose `replicas` are polled for lag from now on. */
async function openWithReplicas(options: PostgresOptions, observer?: QueryObserver, sessionSettings: SessionSettings = {}): Promise<Database> {
  const primary = openPostgres(options, observer, sessionSettings);
  const urls = options.readUrls ?? [];
  if (urls.length === 0) return primary;
  const replicas = createReplicaSet(
    urls.map((url) => openPostgres({ ...options, url, directUrl: url, readUrls: [] }, observer, sessionSettings)),
    { maxLagSeconds: options.readMaxLagSeconds ?? 5, pollMs: REPLICA_POLL_MS, timeoutMs: 2 * REPLICA_POLL_MS },
  );
  await replicas.refresh();
  return {
    ...primary,
    replicas,
    close: async () => {
      await Promise.all([primary.close(), replicas.close()]);
    },
  };
}

export async function openDatabase(config: DatabaseOptions, observer?: QueryObserver, sessionSettings: SessionSettings = {}): Promise<Database> {
  return config.driver === 'pglite' ? openPglite(config.dataDir, observer, sessionSettings) : openWithReplicas(config, observer, sessionSettings);
}
