import { createWorker, OEM, type Worker as TesseractWorker } from 'tesseract.js';
import type { RecognisedText } from '../extract/types';
import { ocrLanguagePath } from './language-data';

export interface OcrPoolOptions {
  /** Pages recognised at once, one tesseract.js worker thread each (OCR_CONCURRENCY). */
  size: number;
  /** Tesseract language codes (OCR_LANGUAGES), each from its installed data package. */
  languages: string[];
  /** A page (or image) taking longer than this fails, and its worker is replaced (OCR_PAGE_TIMEOUT). */
  pageTimeoutMs: number;
  /** An idle worker is stopped after this long: each holds the engine and its language models (~100 MB). */
  idleMs: number;
}

/** A page could not be recognised: its worker crashed, reported an error, or ran out of time. */
class OcrFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OcrFailure';
  }
}

// Starting a worker compiles the engine and loads the language models: a second or two, longer on a busy machine.
const START_TIMEOUT_MS = 120_000;

function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => void, setting = ''): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new OcrFailure(`it took longer than ${Math.round(ms / 1000)} s${setting && ` (${setting})`}`));
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** What tesseract.js's rejection (a string such as "Error: Error attempting to read image.") means to a person. */
function engineFailure(error: unknown): string {
  const detail = (error instanceof Error ? error.message : String(error)).replace(/^(Error: )+/, '');
  if (/read image/i.test(detail)) return 'the picture could not be opened; the file may be damaged';
  return `the recognition engine failed (${detail})`;
}

/**
 * tesseract.js workers (each its own thread, so recognition never holds this process's event loop), started when
 * first needed, kept for the next pages and documents, and stopped when idle or by `terminate` at shutdown. A
 * worker that fails or overruns its page is terminated and a fresh one started for the next page.
 */
export class OcrPool {
  private readonly idle: Array<{ worker: TesseractWorker; timer: NodeJS.Timeout }> = [];
  private readonly running = new Set<TesseractWorker>();
  private readonly waiting: Array<() => void> = [];
  private busy = 0;
  private langPath: string | undefined;

  constructor(private readonly options: OcrPoolOptions) {}

  async recognise(image: Uint8Array): Promise<RecognisedText> {
    if (this.busy >= this.options.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.busy += 1;
    try {
      return await this.recogniseOn(await this.take(), image);
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.busy -= 1;
    }
  }

  /** Stops every worker; the pool starts new ones if asked again (a test, or a process that keeps going). */
  async terminate(): Promise<void> {
    const workers = [...this.idle.splice(0).map(({ worker, timer }) => (clearTimeout(timer), worker)), ...this.running];
    this.running.clear();
    await Promise.all(workers.map((worker) => worker.terminate().catch(() => {})));
  }

  private async recogniseOn(worker: TesseractWorker, image: Uint8Array): Promise<RecognisedText> {
    this.running.add(worker);
    const stop = () => {
      this.running.delete(worker);
      void worker.terminate().catch(() => {});
    };
    try {
      // A Buffer: tesseract.js treats a string as a path or URL, and copies any other input through Buffer.
      const { data } = await withTimeout(worker.recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength)), this.options.pageTimeoutMs, stop, 'OCR_PAGE_TIMEOUT');
      this.running.delete(worker);
      this.keep(worker);
      return { text: data.text, confidence: data.confidence };
    } catch (error) {
      stop();
      throw error instanceof OcrFailure ? error : new OcrFailure(engineFailure(error), { cause: error });
    }
  }

  private async take(): Promise<TesseractWorker> {
    const kept = this.idle.pop();
    if (kept) {
      clearTimeout(kept.timer);
      return kept.worker;
    }
    this.langPath ??= ocrLanguagePath(this.options.languages);
    const starting = createWorker(this.options.languages.join('+'), OEM.LSTM_ONLY, {
      langPath: this.langPath,
      // Reads the data from langPath every time; the default writes a copy into the working directory.
      cacheMethod: 'none',
      gzip: true,
      // Without a handler tesseract.js throws a worker's error inside its message listener, crashing the process.
      errorHandler: () => {},
    });
    let started: TesseractWorker | undefined;
    void starting.then((worker) => (started = worker));
    return withTimeout(starting, START_TIMEOUT_MS, () => void started?.terminate()).catch((error: unknown) => {
      throw new OcrFailure(`the recognition engine did not start (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    });
  }

  private keep(worker: TesseractWorker): void {
    const timer = setTimeout(() => {
      const index = this.idle.findIndex((entry) => entry.worker === worker);
      if (index >= 0) this.idle.splice(index, 1);
      void worker.terminate().catch(() => {});
    }, this.options.idleMs);
    timer.unref();
    this.idle.push({ worker, timer });
  }
}
