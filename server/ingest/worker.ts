import { hostname } from 'node:os';
import { activeEmbedding } from '@/server/embedding/active-model';
import { claimNextJob, completeJob, failJob, renewLease, type ClaimedJob } from '@/db/queries/ingest-jobs';
import { setDocumentProgress } from '@/db/queries/documents';
import { ExtractionError } from './extract';
import { processJob } from './process-job';
import { announceSettled } from './settled-events';
import { metrics } from '@/server/metrics/registry';
import { describeModelError } from '@/server/providers/describe-error';
import type { Services } from '@/server/services';

export interface IngestWorkerOptions {
  concurrency: number;
  leaseSeconds: number;
  maxAttempts: number;
  /** How often an idle worker looks for jobs queued by other processes. */
  pollIntervalMs?: number;
}

// Progress is written at most this often: a bar that moves, not a write per embedding batch. A job done sooner
// writes none (a folder of 2,000 notes would otherwise write 2,000 progress rows for bars nobody sees move).
const PROGRESS_INTERVAL_MS = 250;

/**
 * Processes ingestion jobs from Postgres. Any number of workers, in any number of processes, can run against
 * one database: jobs are claimed with SKIP LOCKED under a lease that a live worker keeps renewing, so a job
 * whose worker died is picked up again once its lease expires.
 */
export class IngestWorker {
  readonly id = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  private running = false;
  private lanes: Promise<void>[] = [];
  private wakeUp: (() => void) | null = null;
  /** The jobs being processed, by document id. */
  private readonly inFlight = new Map<string, AbortController>();

  constructor(
    private readonly services: Services,
    private readonly options: IngestWorkerOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.lanes = Array.from({ length: this.options.concurrency }, () => this.lane());
  }

  /** Looks for work now instead of at the next poll (called when this process queues a job). */
  wake(): void {
    this.wakeUp?.();
  }

  /** Stops taking jobs; jobs in flight are abandoned to their lease, so another worker resumes them. */
  async stop(): Promise<void> {
    this.running = false;
    for (const controller of this.inFlight.values()) controller.abort(new Error('worker stopping'));
    this.wake();
    await Promise.all(this.lanes);
  }

  /**
   * Stops processing these documents now, if this worker is processing any: their thread is terminated and
   * nothing is written (whoever cancelled them has recorded why). Workers in other processes find out at their
   * next progress write or lease renewal.
   */
  cancel(documentIds: readonly string[]): void {
    for (const id of documentIds) this.inFlight.get(id)?.abort(new Error('cancelled'));
  }

  private async lane(): Promise<void> {
    let idleMs = this.options.pollIntervalMs ?? 1000;
    while (this.running) {
      let job: ClaimedJob | null = null;
      try {
        job = await claimNextJob(this.services.db, this.id, this.options.leaseSeconds);
        idleMs = this.options.pollIntervalMs ?? 1000;
      } catch (error) {
        this.services.logger.warn({ err: error }, 'ingest worker: cannot claim jobs');
        idleMs = Math.min(idleMs * 2, 30_000);
      }
      if (job) await this.run(job);
      else await this.idle(idleMs);
    }
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      const previous = this.wakeUp;
      this.wakeUp = () => (previous?.(), done());
    });
  }

  private async run(job: ClaimedJob): Promise<void> {
    const { db, logger } = this.services;
    const owner = { id: job.id, documentId: job.documentId, vaultId: job.vaultId, workerId: this.id };
    const log = logger.child({ jobId: job.id, documentId: job.documentId, attempt: job.attempts });
    if (job.attempts > this.options.maxAttempts) {
      await failJob(db, owner, { reason: `Processing stopped after ${this.options.maxAttempts} attempts.`, retryInSeconds: null });
      return;
    }
    const controller = new AbortController();
    this.inFlight.set(job.documentId, controller);
    const renewEvery = (this.options.leaseSeconds * 1000) / 3;
    const lease = setInterval(() => {
      renewLease(db, job.id, this.id, this.options.leaseSeconds)
        .then((ours) => ours || controller.abort(new Error('lease lost')))
        .catch((error: unknown) => log.warn({ err: error }, 'ingest worker: lease renewal failed'));
    }, renewEvery);
    let lastProgressAt = Date.now();
    const started = performance.now();
    try {
      // The model the library is in (the old one while a re-embed runs), read afresh: completeJob checks it again.
      const { model: activeModel, providers } = await activeEmbedding(this.services, { refresh: true });
      const result = await processJob({ ...this.services, providers }, job, {
        signal: controller.signal,
        onProgress: (percent) => {
          if (Date.now() - lastProgressAt < PROGRESS_INTERVAL_MS) return;
          lastProgressAt = Date.now();
          // Not processing any more: cancelled or replaced meanwhile, so the work is of no use.
          void setDocumentProgress(db, job.documentId, percent)
            .then((processing) => processing || controller.abort(new Error('no longer processing')))
            .catch(() => {});
        },
      });
      controller.signal.throwIfAborted();
      const written = await completeJob(db, owner, { ...result, embeddingModel: providers.embedding.model, activeModel });
      metrics().ingestJobDuration.observe({ outcome: 'ready' }, (performance.now() - started) / 1000);
      log.info(
        { written, chunks: result.chunks.length, cacheHits: result.cacheHits, providerCalls: result.providerCalls, ms: Math.round(performance.now() - started) },
        'ingest job finished',
      );
    } catch (error) {
      if (controller.signal.aborted) {
        log.info({ reason: String(controller.signal.reason) }, 'ingest job abandoned');
        return;
      }
      const permanent = error instanceof ExtractionError || job.attempts >= this.options.maxAttempts;
      metrics().ingestJobDuration.observe({ outcome: permanent ? 'failed' : 'retry' }, (performance.now() - started) / 1000);
      const reason = error instanceof ExtractionError ? error.reason : describeModelError(error);
      log.warn({ err: error, permanent }, 'ingest job failed');
      await failJob(db, owner, { reason, retryInSeconds: permanent ? null : 5 * 2 ** (job.attempts - 1) }).catch(
        (failure: unknown) => log.error({ err: failure }, 'ingest worker: cannot record the failure'),
      );
    } finally {
      clearInterval(lease);
      if (this.inFlight.get(job.documentId) === controller) this.inFlight.delete(job.documentId);
      // Wakes requests waiting for this document (POST /ingest); they read its status themselves.
      announceSettled(job.documentId);
    }
  }
}
