import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Sql } from 'postgres';
import { interceptUnsafe, type PendingQuery } from './postgres-intercept';

/**
 * Timing of every query the app sends, for metrics and the slow-query log. The drivers have no hooks for it,
 * so the client objects drizzle uses are wrapped: postgres.js's `unsafe` (and the transaction handles it
 * passes to callbacks), PGlite's `query`/`exec`. Durations run from the moment drizzle issues the query, so
 * they include waiting for a pooled connection: the latency the app actually sees.
 */
export interface QueryObserver {
  started(): void;
  finished(event: { durationMs: number; sql: string; failed: boolean }): void;
}

/** Hooks completion of a lazily executed postgres.js query without changing what the caller gets back. */
function timeQuery(query: PendingQuery, sql: string, observer: QueryObserver): PendingQuery {
  const started = performance.now();
  observer.started();
  let finished = false;
  const finish = (failed: boolean) => {
    if (finished) return;
    finished = true;
    observer.finished({ durationMs: performance.now() - started, sql, failed });
  };
  const then = query.then;
  query.then = function (this: PendingQuery, onFulfilled, onRejected) {
    return then.call(
      this,
      (value) => (finish(false), onFulfilled ? onFulfilled(value) : value),
      (error) => {
        finish(true);
        if (onRejected) return onRejected(error);
        throw error;
      },
    );
  };
  return query;
}

export function observePostgres(client: Sql, observer: QueryObserver): Sql {
  return interceptUnsafe(client, (send, text, params, options) => timeQuery(send(text, params, options), text, observer));
}

type Queryable = Pick<PGlite, 'query' | 'exec'> | Transaction;

function patchQueryable(target: Queryable, observer: QueryObserver): void {
  for (const method of ['query', 'exec'] as const) {
    const original = target[method].bind(target) as (sql: string, ...rest: unknown[]) => Promise<unknown>;
    (target as unknown as Record<string, unknown>)[method] = async (sql: string, ...rest: unknown[]) => {
      const started = performance.now();
      observer.started();
      let failed = false;
      try {
        return await original(sql, ...rest);
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        observer.finished({ durationMs: performance.now() - started, sql, failed });
      }
    };
  }
}

export function observePglite(client: PGlite, observer: QueryObserver): PGlite {
  patchQueryable(client, observer);
  const transaction = client.transaction.bind(client);
  client.transaction = (callback) =>
    transaction((tx) => {
      patchQueryable(tx, observer);
      return callback(tx);
    });
  return client;
}
