import { parentPort } from 'node:worker_threads';
import type { RecognisedText } from '../extract/types';
import { runTask, type OcrAnswer, type TaskProgress, type ThreadEvent, type ThreadTask } from './tasks';

const port = parentPort!;
const send = (event: ThreadEvent, transfer: ArrayBuffer[] = []) => port.postMessage(event, transfer);

// Recognition runs in the pool's process (its OCR workers are shared by every thread there); a page's picture is
// sent over and its text comes back, matched by id.
const pending = new Map<number, { resolve: (text: RecognisedText) => void; reject: (error: Error) => void }>();
let nextId = 0;
const PROGRESS_INTERVAL_MS = 250;

function recognise(image: Uint8Array): Promise<RecognisedText> {
  const id = nextId++;
  const own = new Uint8Array(image);
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    send({ event: 'recognise', id, image: own }, [own.buffer]);
  });
}

function onAnswer(answer: OcrAnswer): void {
  const waiting = pending.get(answer.ocrAnswer);
  pending.delete(answer.ocrAnswer);
  if ('error' in answer) waiting?.reject(new Error(answer.error));
  else waiting?.resolve({ text: answer.text, confidence: answer.confidence });
}

/** An ingestion thread (server/ingest/thread/pool.ts): one task at a time, each answered with one reply message. */
port.on('message', (message: ThreadTask | OcrAnswer) => {
  if ('ocrAnswer' in message) return onAnswer(message);
  // At most a few messages a second: a 20,000-page PDF's text pages are read faster than anyone watches a bar.
  let lastSent = 0;
  const report = (progress: TaskProgress) => {
    if (progress.done < progress.total && performance.now() - lastSent < PROGRESS_INTERVAL_MS) return;
    lastSent = performance.now();
    send({ event: 'progress', progress });
  };
  void runTask(message, { recognise, report }).then((reply) => {
    const transfer =
      reply.ok && reply.kind === 'prepare' && reply.document.embeddings ? [reply.document.embeddings.buffer]
      : reply.ok && reply.kind === 'embed' ? [reply.embeddings.buffer]
      : [];
    port.postMessage(reply, transfer);
  });
});
