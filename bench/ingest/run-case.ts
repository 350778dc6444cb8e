import { sql } from 'drizzle-orm';
import { openDatabase } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { parseConfig } from '@/server/config';
import { submitDocument } from '@/server/ingest/submit';
import { IngestWorker } from '@/server/ingest/worker';
import { MemoryStore } from '@/server/cache/memory-store';
import { createLogger } from '@/server/logger';
import { createProviders } from '@/server/providers/registry';
import { vectorIndexSpec, type Services } from '@/server/services';
import { createTestOwner } from '@/test/support/users';
import { buildCorpus } from '../corpus';
import type { IngestCase } from './case';
import { measureTtft } from './chat-probe';

export interface CaseResult {
  case: string;
  unit: string;
  units: number;
  seconds: number;
  unitsPerSecond: number;
  chunks: number;
  failed: number;
  /** Resident memory of this process (threads included): before the case's ingest, and its highest during it. */
  rssMb: { before: number; peak: number };
  /**
   * Chat time to first token in the same process (ms): idle, while the case is ingested, and idle again after it:
   * the last tells what the grown library costs every search from what ingesting costs while it runs.
   */
  ttftIdleMs: { p50: number; p95: number; turns: number };
  ttftDuringMs: { p50: number; p95: number; turns: number };
  ttftAfterMs: { p50: number; p95: number; turns: number };
}

// A small library for the questions to search, as someone's vault would be while another person uploads.
const LIBRARY_MB = 2;
const IDLE_TURNS = 60;
const MIN_TURNS_DURING = 20;

const round = (n: number) => Math.round(n * 10) / 10;
const mb = (bytes: number) => round(bytes / 1024 / 1024);

function summary(ms: number[]): { p50: number; p95: number; turns: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { p50: round(at(0.5)), p95: round(at(0.95)), turns: sorted.length };
}

async function drain(services: Services): Promise<void> {
  for (;;) {
    const [row] = await services.db.rows<{ open: number }>(sql`SELECT count(*)::int AS open FROM documents WHERE status IN ('queued', 'processing')`);
    if (row!.open === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One case in this process, on the database `env` names, with the worker in-process as the web process runs it. */
export async function runCase(benchCase: IngestCase, env: Record<string, string>): Promise<CaseResult> {
  const config = parseConfig({ ...env, ...benchCase.env, LOG_LEVEL: 'silent', RESPONSE_CACHE_TTL: '0' });
  const providers = createProviders(config);
  const db = await openDatabase(config.database);
  await migrateDatabase(db, vectorIndexSpec(config, providers));
  const services: Services = { config, providers, db, logger: createLogger('silent'), cache: new MemoryStore(), startedAt: new Date() };
  const caller = await createTestOwner(db);
  const worker = new IngestWorker(services, {
    concurrency: config.ingest.concurrency,
    leaseSeconds: config.ingest.leaseSeconds,
    maxAttempts: config.ingest.maxAttempts,
    pollIntervalMs: 20,
  });
  worker.start();
  try {
    // Files of the machine's corpus that Docent refuses (a text file named .gz) are left out, as an upload would.
    for (const doc of buildCorpus(LIBRARY_MB * 1024 * 1024)) await submitDocument(services, caller, doc).catch(() => null);
    await drain(services);
    const idle = await measureTtft(services, caller, { minimum: IDLE_TURNS });

    const { files, units } = await benchCase.documents();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const [{ chunks: chunksBefore }] = (await db.rows<{ chunks: number }>(sql`SELECT count(*)::int AS chunks FROM chunks`)) as [{ chunks: number }];
    const started = performance.now();
    for (const file of files) await submitDocument(services, caller, file);
    const ingested = drain(services).then(() => performance.now() - started);
    const during = await measureTtft(services, caller, { until: ingested, minimum: MIN_TURNS_DURING });
    const seconds = (await ingested) / 1000;
    clearInterval(sampler);
    const after = await measureTtft(services, caller, { minimum: IDLE_TURNS });
    const [totals] = await db.rows<{ chunks: number; failed: number }>(
      sql`SELECT (SELECT count(*)::int FROM chunks) AS chunks, (SELECT count(*)::int FROM documents WHERE status = 'failed') AS failed`,
    );
    return {
      case: benchCase.label,
      unit: benchCase.unit,
      units,
      seconds: round(seconds),
      unitsPerSecond: round(units / seconds),
      chunks: totals!.chunks - chunksBefore,
      failed: totals!.failed,
      rssMb: { before: mb(before), peak: mb(peak) },
      ttftIdleMs: summary(idle),
      ttftDuringMs: summary(during),
      ttftAfterMs: summary(after),
    };
  } finally {
    await worker.stop();
    await db.close();
  }
}
