import { Worker } from 'node:worker_threads';
import type { RecognisedText } from '../extract/types';
import type { OcrAnswer, TaskProgress, ThreadEvent, ThreadReply, ThreadTask } from './tasks';

/**
 * Why a thread was stopped: it ran out of the time it was given, or reached its heap limit. Told apart by name,
 * not class: the pool is one per process (on globalThis) while Next.js may load this module once per bundle.
 */
type StopReason = 'timeout' | 'memory';
const STOPPED: Record<StopReason, string> = { timeout: 'IngestThreadTimeout', memory: 'IngestThreadOutOfMemory' };

function stopped(reason: StopReason, message: string, cause?: unknown): Error {
  const error = new Error(message, { cause });
  error.name = STOPPED[reason];
  return error;
}

/** Whether `error` says the pool stopped a thread for `reason`. */
export function stoppedFor(error: unknown, reason: StopReason): boolean {
  return error instanceof Error && error.name === STOPPED[reason];
}

/**
 * Starts an ingestion thread with a heap of `memoryMb`.
 *
 * Next.js bundles the server's code, so a thread cannot be pointed at a source file at run time. Its bundler
 * (Turbopack, since Next.js 16.2) recognises exactly the form `new Worker(new URL('./file', import.meta.url), {…})`
 * and emits that file and everything it imports as a chunk of its own, `.next/server/chunks/[worker thread]-…js`,
 * loading the serverExternalPackages (unpdf, mammoth, gpt-tokenizer…) from node_modules at run time as the server
 * does. That is the first branch, which must keep the form, options written out as an object literal: given a
 * variable instead, Turbopack leaves the call alone and the thread would be started on a .ts file that is not
 * there. test/http/ingest-isolation.test.ts runs the production build through it.
 *
 * Run from source instead (vitest, `npm run worker` under tsx), the URL names the TypeScript file itself, which
 * Node 20 cannot start a thread on, and a thread does not inherit tsx's loader: the second branch registers tsx
 * inside the thread first. NEXT_RUNTIME is set (and inlined) by Next.js's build only.
 */
function startThread(memoryMb: number): Worker {
  if (process.env.NEXT_RUNTIME) {
    return new Worker(new URL('./ingest-thread.ts', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: memoryMb } });
  }
  const source = new URL('./ingest-thread.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(bootstrap, { resourceLimits: { maxOldGenerationSizeMb: memoryMb }, eval: true });
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
  /** Called with each progress message the thread sends before its reply. */
  onProgress?: (progress: TaskProgress) => void;
  /** Recognises the text of a picture the thread sends (OCR, in this process's OCR workers). */
  recognise?: (image: Uint8Array) => Promise<RecognisedText>;
}

/**
 * A few long-lived ingestion threads, one task each at a time. A thread that overruns its time, runs out of
 * memory or is aborted is terminated (the only way to stop a synchronous parser) and a fresh one started for the
 * next task; one that finishes is kept for the next.
 */
export class ThreadPool {
  private readonly idle: Array<{ worker: Worker; release: () => void }> = [];
  private busy = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly options: ThreadPoolOptions) {}

  async run(task: ThreadTask, options: RunOptions): Promise<ThreadReply> {
    if (this.busy >= this.options.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.busy += 1;
    try {
      return await this.exchange(this.take(), task, options);
    } finally {
      // The slot passes straight to the next waiting task, so a newcomer cannot slip in between.
      const next = this.waiting.shift();
      if (next) next();
      else this.busy -= 1;
    }
  }

  private take(): Worker {
    const kept = this.idle.pop();
    if (kept) {
      kept.release();
      kept.worker.ref();
      return kept.worker;
    }
    return startThread(this.options.memoryMb);
  }

  private keep(worker: Worker): void {
    const forget = () => {
      clearTimeout(timer);
      worker.off('exit', forget);
      const index = this.idle.findIndex((entry) => entry.worker === worker);
      if (index >= 0) this.idle.splice(index, 1);
    };
    // An idle thread must not keep the process alive, goes away if nobody needs it for a while, and is
    // forgotten if it dies meanwhile (a task given to it would wait for its whole timeout).
    worker.unref();
    worker.once('exit', forget);
    const timer = setTimeout(() => {
      forget();
      void worker.terminate();
    }, this.options.idleMs);
    timer.unref();
    this.idle.push({ worker, release: () => (clearTimeout(timer), worker.off('exit', forget)) });
  }

  private exchange(worker: Worker, task: ThreadTask, { timeoutMs, signal, transfer = [], onProgress, recognise }: RunOptions): Promise<ThreadReply> {
    return new Promise((resolve, reject) => {
      let settled = false;
      // The task's clock stops while a page is recognised for it: recognition runs outside the thread, bounded per
      // page (OCR_PAGE_TIMEOUT), and a long scan must not fail for having many pages. The thread's own work is timed.
      let remainingMs = timeoutMs;
      let clockStarted = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const startClock = () => {
        clockStarted = performance.now();
        timer = setTimeout(() => stop(stopped('timeout', `no answer within ${timeoutMs} ms`)), remainingMs);
      };
      const stopClock = () => {
        clearTimeout(timer);
        remainingMs -= performance.now() - clockStarted;
      };
      const answer = (reply: OcrAnswer) => {
        if (settled) return;
        startClock();
        worker.postMessage(reply);
      };
      const onEvent = (event: ThreadEvent) => {
        if (event.event === 'progress') return onProgress?.(event.progress);
        stopClock();
        if (!recognise) return answer({ ocrAnswer: event.id, error: 'text recognition is not available here' });
        recognise(event.image).then(
          ({ text, confidence }) => answer({ ocrAnswer: event.id, text, confidence }),
          (error: unknown) => answer({ ocrAnswer: event.id, error: error instanceof Error ? error.message : String(error) }),
        );
      };
      const cleanUp = () => {
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      };
      const stop = (error: unknown) => {
        cleanUp();
        void worker.terminate();
        reject(error);
      };
      const onMessage = (message: ThreadReply | ThreadEvent) => {
        if ('event' in message) return onEvent(message);
        const reply = message;
        cleanUp();
        this.keep(worker);
        resolve(reply);
      };
      const onError = (error: Error & { code?: string }) =>
        stop(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? stopped('memory', error.message, error) : error);
      const onExit = (code: number) => stop(new Error(`the ingestion thread stopped (exit code ${code})`));
      const onAbort = () => stop(signal?.reason);
      startClock();
      worker.on('message', onMessage).once('error', onError).once('exit', onExit);
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.postMessage(task, transfer);
    });
  }
}
