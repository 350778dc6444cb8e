/**
 * What every benchmark entry point shares: a timestamped log on stderr (stdout carries the report), a teardown
 * stack that also runs on Ctrl-C so no PostgreSQL cluster or app outlives the run, and a private PostgreSQL
 * started with the run's server settings.
 */
import postgres from 'postgres';
import { startPostgresCluster, type PostgresCluster } from '@/test/support/postgres-cluster';

export const log = (line: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

/** Undo steps in reverse order of setup, once, on success, failure or a signal. */
export class Teardown {
  private readonly steps: Array<() => Promise<unknown>> = [];
  private interrupted = false;
  private readonly onSignal = (signal: NodeJS.Signals) => {
    if (this.interrupted) return;
    this.interrupted = true;
    log(`${signal}: cleaning up`);
    void this.drain().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };

  constructor() {
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
  }

  push(step: () => Promise<unknown>): void {
    this.steps.push(step);
  }

  /** Forget the latest step: the caller has already undone it. */
  done(): void {
    this.steps.pop();
  }

  async run(): Promise<void> {
    await this.drain();
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
  }

  private async drain(): Promise<void> {
    while (this.steps.length > 0) await this.steps.pop()!().catch((e: unknown) => console.error('cleanup:', e));
  }
}

/** A throwaway cluster, restarted once so that settings needing a restart (shared_preload_libraries) apply. */
export async function startBenchCluster(teardown: Teardown, settings: Record<string, string> = {}): Promise<PostgresCluster> {
  const cluster = await startPostgresCluster();
  teardown.push(() => cluster.destroy());
  if (Object.keys(settings).length === 0) return cluster;
  const admin = postgres(cluster.url(), { max: 1, onnotice: () => {} });
  for (const [name, value] of Object.entries(settings)) await admin.unsafe(`ALTER SYSTEM SET ${name} = '${value}'`);
  await admin.end();
  await cluster.stop();
  await cluster.start();
  return cluster;
}
