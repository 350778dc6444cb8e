import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { ThreadReply, ThreadTask } from './tasks';

/** The thread ran out of the time it was given; it has been stopped. */
export class ThreadTimeoutError extends Error {}
/** The thread reached its heap limit (INGEST_THREAD_MEMORY_MB); it has been stopped. */
export class ThreadMemoryError extends Error {}

/**
 * Starts an ingestion thread.
 *
 * Next.js bundles the server's code, so a thread cannot be pointed at a source file at run time. Its bundler
 * (Turbopack, since Next.js 16.2) recognises exactly the form `new Worker(new URL('./file', import.meta.url), …)`
 * and emits that file and everything it imports as a chunk of its own, `.next/server/chunks/[worker thread]-…js`,
 * loading the serverExternalPackages (unpdf, mammoth, gpt-tokenizer…) from node_modules at run time as the server
 * does: the first branch, which must keep that form.
 *
 * Run from source instead (vitest, `npm run worker` under tsx), the URL names the TypeScript file itself, which
 * Node 20 cannot start a thread on, and a thread does not inherit tsx's loader: the second branch registers tsx
 * inside the thread first. NEXT_RUNTIME is set (and inlined) by Next.js's build only.
 */
function startThread(options: WorkerOptions): Worker {
  if (process.env.NEXT_RUNTIME) return new Worker(new URL('./ingest-thread.ts', import.meta.url), options);
  const source = new URL('./ingest-thread.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

export interface ThreadPoolOptions {
  /** Threads at most; more tasks wait their turn. */
  size: number;
  /** Each thread's heap limit. */
  memoryMb: number;
  /** An idle thread is stopped after this long (its loaded libraries cost memory). */
  idleMs: number;
}

export interface RunOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Buffers handed to the thread instead of copied (the caller must not use them afterwards). */
  transfer?: ArrayBuffer[];
}

/**
 * A few long-lived ingestion threads, one task each at a time. A thread that overruns its time, runs out of
 * memory or is aborted is terminated (the only way to stop a synchronous parser) and a fresh one started for the
 * next task; one that finishes is kept for the next.
 */
export class ThreadPool {
  private readonly idle: Array<{ worker: Worker; timer: NodeJS.Timeout }> = [];
  private busy = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly options: ThreadPoolOptions) {}

  async run(task: ThreadTask, options: RunOptions): Promise<ThreadReply> {
    if (this.busy >= this.options.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy += 1;
    try {
      return await this.exchange(this.take(), task, options);
    } finally {
      this.busy -= 1;
      this.waiting.shift()?.();
    }
  }

  private take(): Worker {
    const kept = this.idle.pop();
    if (kept) {
      clearTimeout(kept.timer);
      kept.worker.ref();
      return kept.worker;
    }
    return startThread({ resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb } });
  }

  private keep(worker: Worker): void {
    // An idle thread must not keep the process alive, and goes away if nobody needs it for a while.
    worker.unref();
    const timer = setTimeout(() => {
      this.idle.splice(this.idle.findIndex((entry) => entry.worker === worker), 1);
      void worker.terminate();
    }, this.options.idleMs);
    timer.unref();
    this.idle.push({ worker, timer });
  }

  private exchange(worker: Worker, task: ThreadTask, { timeoutMs, signal, transfer = [] }: RunOptions): Promise<ThreadReply> {
    return new Promise((resolve, reject) => {
      const cleanUp = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      };
      const stop = (error: unknown) => {
        cleanUp();
        void worker.terminate();
        reject(error);
      };
      const onMessage = (reply: ThreadReply) => {
        cleanUp();
        this.keep(worker);
        resolve(reply);
      };
      const onError = (error: Error & { code?: string }) =>
        stop(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ThreadMemoryError(error.message, { cause: error }) : error);
      const onExit = (code: number) => stop(new Error(`the ingestion thread stopped (exit code ${code})`));
      const onAbort = () => stop(signal?.reason);
      const timer = setTimeout(() => stop(new ThreadTimeoutError(`no answer within ${timeoutMs} ms`)), timeoutMs);
      worker.on('message', onMessage).once('error', onError).once('exit', onExit);
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.postMessage(task, transfer);
    });
  }
}
