/**
 * Runs the fake OpenAI server standalone, e.g. for benchmarks or a manual `next dev`:
 *   tsx test/support/fake-openai-cli.ts --port 4010 [--host 127.0.0.1] [--dims 1536] [--delay-ms 0]
 * Prints the base URL (use it as OPENAI_BASE_URL) and stops on SIGTERM/SIGINT.
 */
import { parseArgs } from 'node:util';
import { startFakeOpenAI } from './fake-openai';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    dims: { type: 'string', default: '1536' },
    'delay-ms': { type: 'string', default: '0' },
  },
});

function intArg(name: keyof typeof values, min = 0): number {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}, got ${values[name]}`);
  return n;
}

const fake = await startFakeOpenAI({
  port: intArg('port'),
  host: values.host,
  embeddingDimensions: intArg('dims', 1),
  delayMs: intArg('delay-ms'),
});
console.log(fake.url);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void fake.close().then(() => process.exit(0)));
}
