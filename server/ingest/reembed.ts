import { randomUUID } from 'node:crypto';
import {
  chunksToReembed,
  claimReembed,
  failReembed,
  initActiveModel,
  insertReembed,
  latestReembed,
  readActiveModel,
  setActiveModelIfEmpty,
  storeReembedded,
  swapInReembedded,
  updateReembedProgress,
  type ReembedJob,
} from '@/db/queries/reembed';
import { ensureVectorIndex } from '@/db/vector-index';
import { forgetActiveModel } from '@/server/embedding/active-model';
import { embedPassages } from './embed-passages';
import { AppError } from '@/server/errors';
import { withEmbedder } from '@/server/providers/registry';
import type { Services } from '@/server/services';

/**
 * Re-embedding the library with another embedding model, in the background, without a moment when searches find
 * less: the new vectors are computed batch by batch into chunk_embeddings while searches and new documents use
 * the old model; when every chunk has one, one transaction moves them in and switches the model
 * (db/queries/reembed.ts). A job survives restarts: its vectors are in the database, and the next worker to take
 * its lease carries on from the chunks that still lack one.
 */

type ReembedServices = Pick<Services, 'db' | 'providers' | 'config' | 'logger'>;

export interface ReembedStatus {
  /** The model the searches use now. */
  activeModel: string;
  /** The model this configuration asks for (EMBEDDING_MODEL). */
  configuredModel: string;
  /** The models a re-embed may target here. */
  models: Array<{ model: string; provider: string; dimensions: number }>;
  job: Pick<ReembedJob, 'id' | 'model' | 'fromModel' | 'status' | 'done' | 'total' | 'error' | 'createdAt' | 'finishedAt'> | null;
}

export async function reembedStatus(services: Pick<Services, 'db' | 'providers'>): Promise<ReembedStatus> {
  const { providers, db } = services;
  const [active, job] = await Promise.all([readActiveModel(db), latestReembed(db)]);
  return {
    activeModel: active ?? providers.embedding.model,
    configuredModel: providers.embedding.model,
    models: providers.embedders.map((e) => ({ model: e.embedding.model, provider: e.embedding.provider, dimensions: e.embedding.dimensions })),
    job: job && {
      id: job.id,
      model: job.model,
      fromModel: job.fromModel,
      status: job.status,
      done: job.done,
      total: job.total,
      error: job.error,
      createdAt: job.createdAt,
      finishedAt: job.finishedAt,
    },
  };
}

/**
 * Starts re-embedding every chunk with `model` (one of this configuration's embedders). An empty library switches
 * at once. Refused while another re-embed runs, or when the library already uses the model.
 */
export async function startReembed(services: ReembedServices, model: string, requestedBy: string): Promise<ReembedStatus> {
  const { db, providers } = services;
  if (!withEmbedder(providers, model)) {
    const known = providers.embedders.map((e) => e.embedding.model).join(', ');
    throw new AppError('VALIDATION_ERROR', `${model} is not an embedding model this server can use (it can use: ${known}).`);
  }
  const active = await initActiveModel(db, providers.embedding.model);
  const running = await latestReembed(db);
  if (running?.status === 'running') {
    throw new AppError('VALIDATION_ERROR', `A re-embed with ${running.model} is running (${running.done} of ${running.total} chunks); wait for it to finish.`);
  }
  if (active === model) throw new AppError('VALIDATION_ERROR', `The library already uses ${model}.`);
  if (await setActiveModelIfEmpty(db, model)) {
    forgetActiveModel();
    return reembedStatus(services);
  }
  const job = await insertReembed(db, { model, fromModel: active, requestedBy });
  if (!job) throw new AppError('VALIDATION_ERROR', 'Another re-embed has just started; wait for it to finish.');
  await updateReembedProgress(db, job);
  services.logger.info({ model, from: active, requestedBy }, 're-embed started');
  return reembedStatus(services);
}

/**
 * At start-up: the library moves to the configured model in the background when EMBEDDING_MODEL changed (an
 * empty library at once). Safe in every process at once: at most one job runs.
 */
async function reconcileEmbeddingModel(services: ReembedServices): Promise<void> {
  const configured = services.providers.embedding.model;
  const active = await initActiveModel(services.db, configured);
  if (active === configured) return;
  const running = await latestReembed(services.db);
  if (running?.status === 'running') return;
  await startReembed(services, configured, 'config').catch((error: unknown) => {
    services.logger.warn({ err: error }, 're-embed to the configured model did not start');
  });
}

export interface ReembedWorkerOptions {
  /** Chunks per batch: progress is saved after each. */
  batchSize?: number;
  leaseSeconds?: number;
  pollIntervalMs?: number;
}

/** Runs in every ingestion worker process; only the one holding the running job's lease works on it. */
export class ReembedWorker {
  readonly id = `reembed-${randomUUID().slice(0, 8)}`;
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly controller = new AbortController();

  constructor(
    private readonly services: ReembedServices,
    private readonly options: ReembedWorkerOptions = {},
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.controller.abort(new Error('stopping'));
    await this.loop;
  }

  private async run(): Promise<void> {
    const { logger } = this.services;
    await reconcileEmbeddingModel(this.services).catch((error: unknown) => logger.warn({ err: error }, 're-embed: cannot check the embedding model'));
    while (this.running) {
      try {
        const job = await claimReembed(this.services.db, this.id, this.options.leaseSeconds ?? 60);
        if (job) await this.work(job);
      } catch (error) {
        if (!this.running) return;
        logger.warn({ err: error }, 're-embed: batch failed, trying again');
      }
      await this.sleep(this.options.pollIntervalMs ?? 2_000);
    }
  }

  /** Batches until the job is done, stopped, or its lease is lost. */
  private async work(job: ReembedJob): Promise<void> {
    const { db, logger, providers, config } = this.services;
    const target = withEmbedder(providers, job.model);
    if (!target) {
      await failReembed(db, job.id, job.model, `${job.model} is not configured on the server that took this re-embed.`);
      return;
    }
    // The new model's index, before any of its vectors reach the chunks (empty until the switch, so instant).
    await ensureVectorIndex(db, { model: target.embedding.model, dimensions: target.embedding.dimensions, index: config.vectorIndex });
    const batchSize = this.options.batchSize ?? 64;
    while (this.running) {
      const batch = await chunksToReembed(db, job.model, batchSize);
      if (batch.length === 0) {
        if (await swapInReembedded(db, job)) {
          forgetActiveModel();
          logger.info({ model: job.model, from: job.fromModel }, 're-embed finished: searches use the new vectors');
          return;
        }
        continue; // chunks were added since the last batch
      }
      const vectors = await embedPassages(this.services, target, batch.map((c) => c.content), this.controller.signal);
      await storeReembedded(db, job.model, batch.map((c, i) => ({ chunkId: c.id, content: c.content, embedding: vectors[i]! })));
      await updateReembedProgress(db, job);
      // Renews the lease; another worker that took it over (this one stalled) carries on instead.
      if (!(await claimReembed(db, this.id, this.options.leaseSeconds ?? 60))) return;
    }
  }

  private sleep(ms: number): Promise<void> {
    const { signal } = this.controller;
    return new Promise((resolve) => {
      const wake = () => (clearTimeout(timer), resolve());
      const timer = setTimeout(() => (signal.removeEventListener('abort', wake), resolve()), ms);
      signal.addEventListener('abort', wake, { once: true });
    });
  }
}
