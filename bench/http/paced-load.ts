import http from 'node:http';
import { percentiles, round, type Percentiles } from '../chat/stats';

/**
 * An open-loop GET load: `connections` keep-alive connections held open, requests sent at evenly spaced
 * moments (`rate` per second) on whichever connection is free, each timed from the moment it was due, not
 * from when it could be sent, so a stalled server shows up in the percentiles instead of slowing the sender
 * (no coordinated omission). autocannon's own `overallRate` sends each second's quota in a burst at the start
 * of the second, which measures its bursts, not the server.
 */

export interface PacedResult {
  rate: number;
  connections: number;
  seconds: number;
  requests: number;
  /** Answers per second actually achieved. */
  achievedRate: number;
  errors: number;
  /** From the scheduled send time to the end of the response, successful requests only. */
  latencyMs: Percentiles;
  errorSamples: string[];
}

function get(agent: http.Agent, url: URL): Promise<{ status: number; error?: string }> {
  return new Promise((resolve) => {
    const req = http.get({ host: url.hostname, port: url.port, path: url.pathname, agent }, (res) => {
      res.resume();
      res.once('end', () => resolve({ status: res.statusCode ?? 0 }));
      res.once('error', (e) => resolve({ status: 0, error: e.message }));
    });
    req.once('error', (e) => resolve({ status: 0, error: e.message }));
  });
}

export async function pacedLoad(options: { url: string; rate: number; connections: number; seconds: number }): Promise<PacedResult> {
  const url = new URL(options.url);
  // fifo: every connection takes its turn, so all of them are in use, not just the most recently freed one.
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections, scheduling: 'fifo' });
  try {
    // Open every connection first: the measurement is of requests on open connections, not of TCP handshakes.
    await Promise.all(Array.from({ length: options.connections }, () => get(agent, url)));

    const latencies: number[] = [];
    const errorSamples: string[] = [];
    let errors = 0;
    const total = Math.round(options.rate * options.seconds);
    const interval = 1000 / options.rate;
    const pending: Promise<void>[] = [];
    const started = performance.now();
    let sent = 0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        while (sent < total && started + sent * interval <= now) {
          const due = started + sent * interval;
          sent++;
          pending.push(
            get(agent, url).then(({ status, error }) => {
              if (status >= 200 && status < 300) latencies.push(performance.now() - due);
              else {
                errors++;
                if (errorSamples.length < 3) errorSamples.push(error ?? `HTTP ${status}`);
              }
            }),
          );
        }
        if (sent < total) setTimeout(tick, Math.max(0, started + sent * interval - performance.now()));
        else resolve();
      };
      tick();
    });
    await Promise.all(pending);
    const elapsed = (performance.now() - started) / 1000;
    return {
      rate: options.rate,
      connections: options.connections,
      seconds: round(elapsed, 2),
      requests: total,
      achievedRate: round(latencies.length / elapsed, 1),
      errors,
      latencyMs: percentiles(latencies),
      errorSamples,
    };
  } finally {
    agent.destroy();
  }
}
