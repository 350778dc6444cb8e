import type { Sql } from 'postgres';

/** What postgres.js's `unsafe` returns: a lazily executed query, run when awaited. */
export type PendingQuery = { then: (onFulfilled?: (v: unknown) => unknown, onRejected?: (e: unknown) => unknown) => unknown };

export type UnsafeCall = (text: string, params?: unknown[], options?: Record<string, unknown>) => PendingQuery;

/**
 * Routes every `unsafe` call (how drizzle sends all its SQL) through `intercept`, on the client and on the
 * transaction and savepoint handles postgres.js passes to `begin`/`savepoint` callbacks, so a transaction's
 * statements are seen like the pool's. postgres.js has no hooks of its own for this.
 */
export function interceptUnsafe(client: Sql, intercept: (send: UnsafeCall, text: string, params?: unknown[], options?: Record<string, unknown>) => PendingQuery): Sql {
  const wrap = <S extends object>(target: S): S =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        if (property === 'unsafe') {
          const send = (value as UnsafeCall).bind(object);
          return (text: string, params?: unknown[], options?: Record<string, unknown>) => intercept(send, text, params, options);
        }
        if (property === 'begin' || property === 'savepoint') {
          return (...args: unknown[]) =>
            (value as (...a: unknown[]) => unknown).apply(
              object,
              args.map((arg) => (typeof arg === 'function' ? (tx: object) => (arg as (t: object) => unknown)(wrap(tx)) : arg)),
            );
        }
        return (value as (...a: unknown[]) => unknown).bind(object);
      },
    });
  return wrap(client);
}

/**
 * drizzle asks postgres.js to prepare only statements it was given a name for, so every other parameterised
 * statement costs two round trips (Parse + Describe, then Bind + Execute) and a fresh parse. Prepared, postgres.js
 * keeps one named statement per SQL text and connection and sends Bind + Execute alone from the second run on.
 * Statements without parameters stay on the simple protocol, which allows several statements in one string.
 */
export function prepareParameterised(client: Sql): Sql {
  return interceptUnsafe(client, (send, text, params, options) =>
    params && params.length > 0 ? send(text, params, { ...options, prepare: true }) : send(text, params, options),
  );
}
