/**
 * Retrieval quality of Docent's default configuration on public question sets with known answers:
 *
 *   npm run eval [-- --sets debian-faq,python-faq --drivers pglite,postgres] [--grid] [--out NAME] [--embedding offline-use]
 *
 * Every answer passage is ingested as a document through the app's own queue and worker (extraction, chunking,
 * offline embeddings); every question is then asked through the chat's retrieval (retrievePassages). Beside the
 * fused default: its vector and lexical halves alone, and a textbook BM25 over the same chunks as the floor.
 * hit@1, hit@5, MRR and nDCG@10 count a hit when a retrieved chunk belongs to the question's answer document.
 * Results go to bench/results/eval-<date>[-NAME].json and .md, and the tables into the README.
 *
 * --grid scores the fusion weights of fusionGrid() on every set instead (bench/results/eval-grid-<date>.json).
 *
 * --feedback FILE scores today's retrieval on a deployment's own votes instead: FILE is `GET /api/feedback/export`
 * saved as is, and the database is the deployment's (DATABASE_URL, else DATA_DIR; an embedded install must be
 * stopped first, PGlite has one process). Each question is searched as the person who voted, in the vault they had
 * chosen (bench/eval/run-feedback.ts); results in bench/results/eval-feedback-<date>.json and .md.
 *
 * The question sets come from Debian packages (scripts/install-eval-deps.sh, which `npm run eval` runs first);
 * the native PostgreSQL with pgvector from scripts/install-test-deps.sh.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { getServices } from '@/server/services';
import { debianFaq } from './eval/debian-faq';
import { parseFeedbackExport } from './eval/feedback-cases';
import { gridMarkdown, searchGrid } from './eval/grid';
import { pythonFaq } from './eval/python-faq';
import type { QuestionSet } from './eval/question-set';
import { markdown, updateReadme } from './eval/report';
import { evaluateFeedback, feedbackMarkdown } from './eval/run-feedback';
import { evaluateSet, prepareSet, type Driver, type SetResult } from './eval/run-set';
import { log, startBenchCluster, Teardown } from './support/run';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const SETS: Record<string, () => QuestionSet> = { 'debian-faq': debianFaq, 'python-faq': pythonFaq };
const setNames = (arg('sets') ?? Object.keys(SETS).join(',')).split(',');
const drivers = (arg('drivers') ?? 'pglite,postgres').split(',') as Driver[];
const OUT = arg('out');
// --embedding offline-use: the vector list from the sentence encoder instead of the default offline embedder.
if (arg('embedding')) process.env.EMBEDDING_MODEL = arg('embedding');

function write(name: string, json: unknown, md: string): void {
  const dir = path.join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const base = path.join(dir, `${name}-${new Date().toISOString().slice(0, 10)}${OUT ? `-${OUT}` : ''}`);
  writeFileSync(`${base}.json`, `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(`${base}.md`, `${md}\n`);
  log(`written to ${path.relative(process.cwd(), base)}.json and .md`);
}

async function evaluateVotes(file: string): Promise<void> {
  const cases = parseFeedbackExport(readFileSync(file, 'utf8'));
  log(`${cases.length} feedback cases from ${file}`);
  const services = await getServices();
  try {
    const scores = await evaluateFeedback(services, cases);
    const md = `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run eval -- --feedback ${path.basename(file)}\`.\n\n${feedbackMarkdown(scores)}`;
    write('eval-feedback', { date: new Date().toISOString(), file: path.basename(file), scores }, md);
    console.log(md);
  } finally {
    await services.cache.close();
    await services.db.close();
  }
}

async function main(): Promise<void> {
  const feedback = arg('feedback');
  if (feedback) return evaluateVotes(feedback);
  const unknown = setNames.filter((name) => !SETS[name]);
  if (unknown.length > 0) throw new Error(`unknown question sets: ${unknown.join(', ')} (known: ${Object.keys(SETS).join(', ')})`);
  const sets = setNames.map((name) => SETS[name]!());
  const teardown = new Teardown();
  try {
    let cluster: Awaited<ReturnType<typeof startBenchCluster>> | undefined;
    const postgresUrl = async () => {
      cluster ??= await startBenchCluster(teardown);
      return cluster.createDatabase();
    };

    if (args.includes('--grid')) {
      const driver = drivers[0]!;
      log(`grid search on ${driver}: ingesting ${sets.map((s) => s.name).join(', ')}`);
      const prepared = [];
      for (const set of sets) {
        const p = await prepareSet(set, driver, postgresUrl);
        teardown.push(() => p.close());
        prepared.push({ set, prepared: p });
      }
      const points = await searchGrid(prepared, log);
      const md = gridMarkdown(points);
      write('eval-grid', { date: new Date().toISOString(), driver, points }, md);
      console.log(md);
      return;
    }

    const results: SetResult[] = [];
    for (const set of sets) {
      for (const driver of drivers) {
        log(`${set.name} on ${driver}: ${set.pairs.length} questions`);
        results.push(await evaluateSet(set, driver, postgresUrl));
      }
    }
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
    const md = `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run eval\` on ${machine}.\n\n${markdown(results)}`;
    write('eval', { date: new Date().toISOString(), machine, results }, md);
    if (!OUT) updateReadme(md, log);
    console.log(md);
  } finally {
    await teardown.run();
  }
}

await main();
