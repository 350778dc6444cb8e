import { parentPort } from 'node:worker_threads';
import { runTask, type ThreadProgress, type ThreadTask } from './tasks';

/**
 * An ingestion thread (server/ingest/thread/pool.ts): one task at a time, each answered with one reply, after
 * any number of progress messages.
 */
parentPort!.on('message', (task: ThreadTask) => {
  const report = (progress: ThreadProgress['progress']) => parentPort!.postMessage({ progress } satisfies ThreadProgress);
  void runTask(task, report).then((reply) => {
    const transfer =
      reply.ok && reply.kind === 'prepare' && reply.document.embeddings ? [reply.document.embeddings.buffer]
      : reply.ok && reply.kind === 'embed' ? [reply.embeddings.buffer]
      : [];
    parentPort!.postMessage(reply, transfer);
  });
});
