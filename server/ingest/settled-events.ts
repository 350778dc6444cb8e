import { EventEmitter } from 'node:events';

// On globalThis: the worker and the request waiting for it may be loaded in different module graphs by Next.js.
const KEY = Symbol.for('docent.documentSettled');
const slot = globalThis as unknown as { [KEY]?: EventEmitter };

function emitter(): EventEmitter {
  if (!slot[KEY]) {
    slot[KEY] = new EventEmitter();
    // One listener per request waiting for a document: no fixed bound makes sense.
    slot[KEY].setMaxListeners(0);
  }
  return slot[KEY];
}

/** Called by this process's worker when a document ends ready or failed. */
export function announceSettled(documentId: string): void {
  emitter().emit(documentId);
}

/** Resolves when this process's worker settles the document, or after `ms`, whichever comes first. */
export function settledOrAfter(documentId: string, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      emitter().off(documentId, done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    emitter().once(documentId, done);
    signal.addEventListener('abort', done, { once: true });
  });
}
