import { startHaproxy } from '@/test/support/haproxy';
import type { Topology } from '@/test/support/topology';
import { runLoad, type Sent } from './load';

/**
 * Two web instances against one on the same machine, in the same run: the locustfile mix with no wait between
 * requests, first through a balancer with only the first instance, then through the topology's, with both.
 */
export interface ThroughputRun {
  instances: number;
  seconds: number;
  users: number;
  requests: number;
  succeeded: number;
  requestsPerSecond: number;
  chatP50Ms: number;
  chatP95Ms: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function summarise(instances: number, seconds: number, users: number, sent: Sent[]): ThroughputRun {
  const ok = sent.filter((s) => s.status >= 200 && s.status < 300);
  const chats = ok.filter((s) => s.kind === 'chat').map((s) => s.ms).sort((a, b) => a - b);
  return {
    instances,
    seconds,
    users,
    requests: sent.length,
    succeeded: ok.length,
    requestsPerSecond: Math.round((ok.length / seconds) * 10) / 10,
    chatP50Ms: quantile(chats, 0.5),
    chatP95Ms: quantile(chats, 0.95),
  };
}

/**
 * Rounds alternate one, two, one, two…, so a change in what else the machine is doing weighs on both alike; the
 * rounds of each are then added up.
 */
export async function measureThroughput(
  topology: Topology,
  options: { seconds: number; users: number; timeoutMs: number; rounds: number },
): Promise<ThroughputRun[]> {
  const load = (url: string, tag: string) =>
    runLoad({ url, users: options.users, seconds: options.seconds, tag, timeoutMs: options.timeoutMs, waitMs: { min: 0, max: 0 } });
  const single = await startHaproxy([topology.webs[0]!.url]);
  const paths = [single.url, topology.balancer.url];
  try {
    // A short warm-up on each path, so neither pays for first-request compilation.
    for (const url of paths) await runLoad({ url, users: options.users, seconds: 3, tag: `warm-${Date.now().toString(36)}`, timeoutMs: options.timeoutMs, waitMs: { min: 0, max: 0 } });
    const sent: [Sent[], Sent[]] = [[], []];
    for (let round = 0; round < options.rounds; round++) {
      for (const [i, url] of paths.entries()) sent[i]!.push(...(await load(url, `throughput-${i + 1}-${round}-${Date.now().toString(36)}`)));
    }
    const seconds = options.seconds * options.rounds;
    return [summarise(1, seconds, options.users, sent[0]), summarise(2, seconds, options.users, sent[1])];
  } finally {
    await single.stop();
  }
}

export function throughputTable(runs: ThroughputRun[]): string {
  return [
    '| web instances | users | requests answered 2xx / sent | requests/s | chat p50 | chat p95 |',
    '|---:|---:|---:|---:|---:|---:|',
    ...runs.map((r) => `| ${r.instances} | ${r.users} | ${r.succeeded} / ${r.requests} | ${r.requestsPerSecond} | ${r.chatP50Ms} ms | ${r.chatP95Ms} ms |`),
  ].join('\n');
}
