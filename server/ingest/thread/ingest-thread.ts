import { parentPort } from 'node:worker_threads';
import { runTask, type ThreadTask } from './tasks';

/** An ingestion thread (server/ingest/thread/pool.ts): one task at a time, each answered with one message. */
parentPort!.on('message', (task: ThreadTask) => {
  void runTask(task).then((reply) => {
    const transfer =
      reply.ok && reply.kind === 'prepare' && reply.document.embeddings ? [reply.document.embeddings.buffer]
      : reply.ok && reply.kind === 'embed' ? [reply.embeddings.buffer]
      : [];
    parentPort!.postMessage(reply, transfer);
  });
});
