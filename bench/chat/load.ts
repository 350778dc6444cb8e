import http from 'node:http';
import { percentiles, round, type Percentiles } from './stats';

/**
 * A closed-loop load generator for POST /chat with `accept: text/event-stream`: `concurrency` clients, each
 * sending its next request as soon as the previous answer is done, over keep-alive connections (node:http,
 * lighter on the shared CPU than fetch's web streams).
 */

export interface LoadOptions {
  baseUrl: string;
  concurrency: number;
  seconds: number;
  /** Distinguishes this run's session ids from every other run's. */
  tag: string;
  /** A client starts a new session after this many requests, so the history stays short. */
  requestsPerSession: number;
  questions: readonly string[];
}

export interface LoadResult {
  concurrency: number;
  seconds: number;
  requests: number;
  errors: number;
  requestsPerSecond: number;
  ttftMs: Percentiles;
  totalMs: Percentiles;
  /** Answers the `done` event marked as served from the response cache. */
  cachedAnswers: number;
  errorSamples: string[];
}

interface Outcome {
  ok: boolean;
  ttft: number;
  total: number;
  cached: boolean;
  error?: string;
}

function chatOnce(agent: http.Agent, base: URL, sessionId: string, message: string): Promise<Outcome> {
  const body = JSON.stringify({ session_id: sessionId, message });
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (o: Omit<Outcome, 'total'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...o, total: performance.now() - started });
    };
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        path: '/chat',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.setEncoding('utf8');
        let buffer = '';
        let ttft = NaN;
        if (res.statusCode !== 200) {
          res.on('data', (d: string) => (buffer += d));
          res.on('end', () => finish({ ok: false, ttft, cached: false, error: `HTTP ${res.statusCode}: ${buffer.slice(0, 200)}` }));
          return;
        }
        res.on('data', (d: string) => {
          buffer += d;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const name = /^event: (.*)$/m.exec(event)?.[1];
            if (name === 'token' && Number.isNaN(ttft)) ttft = performance.now() - started;
            else if (name === 'done') {
              const data = /^data: (.*)$/m.exec(event)?.[1] ?? '{}';
              const cached = (JSON.parse(data) as { cached?: boolean }).cached === true;
              finish({ ok: !Number.isNaN(ttft), ttft, cached, error: Number.isNaN(ttft) ? 'done without a token' : undefined });
            } else if (name === 'error') {
              finish({ ok: false, ttft, cached: false, error: `error event: ${event.slice(0, 200)}` });
            }
          }
        });
        res.on('end', () => finish({ ok: false, ttft, cached: false, error: 'stream ended without done' }));
        res.on('error', (e) => finish({ ok: false, ttft, cached: false, error: String(e) }));
      },
    );
    req.on('error', (e) => finish({ ok: false, ttft: NaN, cached: false, error: String(e) }));
    req.setTimeout(120_000, () => req.destroy(new Error('client timeout')));
    req.end(body);
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const base = new URL(options.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency, maxFreeSockets: options.concurrency });
  const ttft: number[] = [];
  const total: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let cachedAnswers = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const client = async (c: number) => {
    for (let i = 0; performance.now() < deadline; i++) {
      const session = `bench-${options.tag}-${c}-${Math.floor(i / options.requestsPerSession)}`;
      const question = options.questions[(c * 17 + i * 7) % options.questions.length]!;
      const outcome = await chatOnce(agent, base, session, question);
      if (!outcome.ok) {
        errors++;
        if (errorSamples.length < 5) errorSamples.push(outcome.error ?? 'unknown');
        continue;
      }
      ttft.push(outcome.ttft);
      total.push(outcome.total);
      if (outcome.cached) cachedAnswers++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, c) => client(c)));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return {
    concurrency: options.concurrency,
    seconds: round(elapsed, 2),
    requests: total.length + errors,
    errors,
    requestsPerSecond: round(total.length / elapsed, 1),
    ttftMs: percentiles(ttft),
    totalMs: percentiles(total),
    cachedAnswers,
    errorSamples,
  };
}
