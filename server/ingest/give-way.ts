/**
 * Ingestion gives way to people waiting for an answer. A chat turn holds a mark from its arrival until its work
 * here is done (retrieval; a model's answer is then awaited elsewhere); an ingestion worker about to take its next
 * step (claim a job, write a finished one) first waits for a moment with no marks held, but never longer than
 * `maxWaitMs`: under a steady stream of questions ingestion slows, it does not stop. One process's view: a worker in
 * another process (INGEST_WORKER=false on the web, a worker container) shares no CPU with this one's event loop.
 */

let held = 0;
let waiting: Array<() => void> = [];

/** Marks an interactive request in progress; `release` (idempotent) ends it. */
export function holdForInteractive(): { release: () => void } {
  held += 1;
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      held -= 1;
      if (held === 0) {
        const ready = waiting;
        waiting = [];
        for (const resume of ready) resume();
      }
    },
  };
}

/** Resolves at once when no interactive request is in progress, else when the last ends or after `maxWaitMs`. */
export function giveWayToInteractive(maxWaitMs: number): Promise<void> {
  if (held === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, maxWaitMs);
    function done() {
      clearTimeout(timer);
      waiting = waiting.filter((w) => w !== done);
      resolve();
    }
    waiting.push(done);
  });
}
