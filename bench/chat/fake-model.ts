/**
 * The benchmarks' zero-latency model server: the test suite's fake OpenAI server, except that a text's
 * embedding is a question vector of the benchmark corpus (chosen by a hash of the text), so retrieval in the
 * HTTP runs searches near the corpus's clusters, as a real model's question vectors do. The test fake's vectors
 * are unrelated to the corpus, and HNSW does about twice the work for a vector that is near nothing.
 *   tsx bench/chat/fake-model.ts --port 0
 * Prints the base URL and stops on SIGTERM/SIGINT.
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { startFakeOpenAI } from '@/test/support/fake-openai';
import { DIMENSIONS, VectorSpace } from './dataset';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });

const space = new VectorSpace();
const QUESTION_VECTORS = 1000;

const fake = await startFakeOpenAI({
  port: Number(values.port),
  embeddingDimensions: DIMENSIONS,
  embed: (text, dimensions) => {
    if (dimensions !== DIMENSIONS) throw new Error(`the benchmark corpus has ${DIMENSIONS} dimensions, not ${dimensions}`);
    return space.query(createHash('sha256').update(text).digest().readUInt32BE(0) % QUESTION_VECTORS);
  },
});
console.log(fake.url);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void fake.close().then(() => process.exit(0)));
}
