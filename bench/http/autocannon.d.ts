// autocannon 8 ships no types (and there is no @types package): just what bench/http uses.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    type Context = Record<string, unknown>;

    interface Request {
      method?: 'GET' | 'POST';
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      /** Called before each send; the context is per connection and reset when the `requests` list wraps around. */
      setupRequest?: (request: Request, context: Context) => Request;
      /** Setting this makes autocannon keep each response body as a string. */
      onResponse?: (status: number, body: string, context: Context) => void;
    }

    interface Options {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      /** Seconds before a request counts as timed out (and as an error). */
      timeout?: number;
      method?: 'GET' | 'POST';
      headers?: Record<string, string>;
      requests?: Request[];
      /** Requests per second across all connections (paced instead of as fast as possible). */
      overallRate?: number;
    }

    /** Milliseconds; autocannon's latency histogram records whole milliseconds. */
    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      p50: number;
      p90: number;
      p97_5: number;
      p99: number;
      totalCount: number;
    }

    interface Result {
      /** Seconds. */
      duration: number;
      /** Connection errors and timeouts. */
      errors: number;
      timeouts: number;
      non2xx: number;
      resets: number;
      '2xx': number;
      statusCodeStats: Record<string, { count: number }>;
      latency: Histogram;
      requests: { total: number; sent: number; average: number };
    }

    /** Emits `response` (client, statusCode, bytes, milliseconds) for every response and `reqError` (Error). */
    interface Instance extends EventEmitter, PromiseLike<Result> {
      stop(): void;
    }
  }

  function autocannon(options: autocannon.Options): autocannon.Instance;
  export = autocannon;
}
