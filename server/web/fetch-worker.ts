import { hostname } from 'node:os';
import { claimWebFetch, finishWebFetch, recordWebFetchProgress, type ClaimedWebFetch } from '@/db/queries/web-fetches';
import type { Services } from '@/server/services';
import { createAddressPolicy, type AddressPolicy } from './address-policy';
import { crawl, type CrawlProgress } from './crawl';

// A fetch taken over this often keeps losing its worker (a crash, a restart loop): it ends instead of going round.
const MAX_ATTEMPTS = 3;

/**
 * Fetches web pages queued by POST /api/documents/url, "Fetch again" and the refresh schedule, outside any
 * request. Design: a pre-fetch step rather than a new kind of ingestion job: this worker turns each page into an
 * ordinary submission (bytes plus a queued ingestion job), so the ingestion worker, its limits, deduplication
 * and same-source replacement apply to web pages unchanged. Runs wherever the ingestion worker runs; several
 * processes share the queue through SKIP LOCKED and a lease, as ingestion jobs do.
 */
export class WebFetchWorker {
  readonly id = `${hostname()}:${process.pid}:web:${Math.random().toString(36).slice(2, 8)}`;
  private running = false;
  private lane: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private readonly policy: AddressPolicy;
  private current: AbortController | null = null;

  constructor(
    private readonly services: Services,
    private readonly options: { leaseSeconds: number; pollIntervalMs?: number },
  ) {
    this.policy = createAddressPolicy(services.config.web.allow);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.lane = this.loop();
  }

  wake(): void {
    this.wakeUp?.();
  }

  /** Stops; a fetch in flight is abandoned to its lease and resumed from its first page by another worker. */
  async stop(): Promise<void> {
    this.running = false;
    this.current?.abort(new Error('worker stopping'));
    this.wake();
    await this.lane;
  }

  private async loop(): Promise<void> {
    const pollMs = this.options.pollIntervalMs ?? 1000;
    while (this.running) {
      let fetch: ClaimedWebFetch | null = null;
      try {
        fetch = await claimWebFetch(this.services.db, this.id, this.options.leaseSeconds);
      } catch (error) {
        this.services.logger.warn({ err: error }, 'web fetch worker: cannot claim fetches');
      }
      if (fetch) await this.run(fetch);
      else await new Promise<void>((resolve) => {
        const timer = setTimeout(() => { this.wakeUp = null; resolve(); }, pollMs);
        this.wakeUp = () => { clearTimeout(timer); this.wakeUp = null; resolve(); };
      });
    }
  }

  private async run(fetch: ClaimedWebFetch): Promise<void> {
    const { db, logger } = this.services;
    const owner = { id: fetch.id, workerId: this.id, leaseSeconds: this.options.leaseSeconds };
    const log = logger.child({ webFetchId: fetch.id, url: fetch.url });
    if (fetch.attempts > MAX_ATTEMPTS) {
      await finishWebFetch(db, owner, { status: 'failed', error: `Fetching stopped after ${MAX_ATTEMPTS} attempts.` });
      return;
    }
    if (!fetch.requestedBy) {
      await finishWebFetch(db, owner, { status: 'failed', error: 'The account that asked for this page no longer exists.' });
      return;
    }
    const controller = new AbortController();
    this.current = controller;
    let progress: CrawlProgress = { found: 1, fetched: 0, failures: [] };
    const report = async (next: CrawlProgress) => {
      progress = next;
      if (!(await recordWebFetchProgress(db, owner, next))) controller.abort(new Error('lease lost'));
    };
    // A single slow page still keeps the lease.
    const lease = setInterval(() => void report(progress).catch(() => {}), (this.options.leaseSeconds * 1000) / 3);
    try {
      const result = await crawl(this.services, this.policy, { ...fetch, requestedBy: fetch.requestedBy }, { signal: controller.signal, onProgress: report });
      const failed = result.fetched === 0;
      await finishWebFetch(db, owner, { status: failed ? 'failed' : 'done', error: failed ? (result.failures[0]?.reason ?? null) : null });
      log.info({ fetched: result.fetched, failed: result.failures.length }, 'web fetch finished');
    } catch (error) {
      if (controller.signal.aborted) {
        log.info({ reason: String(controller.signal.reason) }, 'web fetch abandoned');
        return;
      }
      log.warn({ err: error }, 'web fetch failed');
      const reason = error instanceof Error ? error.message : String(error);
      await finishWebFetch(db, owner, { status: 'failed', error: reason }).catch(() => {});
    } finally {
      clearInterval(lease);
      this.current = null;
    }
  }
}
