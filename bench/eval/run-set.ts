import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, type Database } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { vectorSearchSettings } from '@/db/queries/chunk-search';
import { getDocument } from '@/db/queries/documents';
import { DEFAULT_FUSION, hybridSearch, type Fusion } from '@/db/queries/hybrid-search';
import { createCacheStore } from '@/server/cache/create-store';
import { retrievePassages } from '@/server/chat/retrieve';
import { parseConfig } from '@/server/config';
import { ingestText } from '@/server/documents/documents';
import { embedQuestion } from '@/server/embedding/embed-question';
import { IngestWorker } from '@/server/ingest/worker';
import { createLogger } from '@/server/logger';
import { createProviders } from '@/server/providers/registry';
import { vectorIndexSpec, type Services } from '@/server/services';
import { Bm25Index } from './bm25';
import { DEPTH, firstRank, scoreRanks, type RankingScores } from './metrics';
import type { QuestionSet } from './question-set';
import { BENCH_CALLER } from '../support/bench-caller';

export type Driver = 'pglite' | 'postgres';

/** The rankings compared for every question: Docent's default, its two halves alone, and the BM25 floor. */
export const RANKINGS = ['fused', 'vector', 'lexical', 'bm25'] as const;
export type Ranking = (typeof RANKINGS)[number];

const VECTOR_ONLY: Fusion = { ...DEFAULT_FUSION, vector: 1, text: 0, identifiers: 0 };
const LEXICAL_ONLY: Fusion = { ...DEFAULT_FUSION, vector: 0 };

export interface SetResult {
  set: string;
  driver: Driver;
  questions: number;
  documents: number;
  chunks: number;
  ingestSeconds: number;
  scores: Record<Ranking, RankingScores>;
  /** Mean time per question of Docent's own retrieval (question embedding and the search statement), ms. */
  fusedMsPerQuestion: number;
}

/** The app's services on an empty database of `driver`, configured as a new user's default install is. */
async function openServices(driver: Driver, postgresUrl: () => Promise<string>): Promise<{ services: Services; close: () => Promise<void> }> {
  const dataDir = driver === 'pglite' ? await mkdtemp(path.join(os.tmpdir(), 'docent-eval-')) : null;
  const config = parseConfig(dataDir ? { DATA_DIR: dataDir, LOG_LEVEL: 'silent' } : { DATABASE_URL: await postgresUrl(), LOG_LEVEL: 'silent' });
  const providers = createProviders(config);
  const settings = vectorSearchSettings(config.vectorIndex);
  const db: Database =
    config.database.driver === 'pglite' ? await openPglite(config.database.dataDir, undefined, settings) : openPostgres(config.database, undefined, settings);
  await migrateDatabase(db, vectorIndexSpec(config, providers));
  const logger = createLogger('silent');
  const cache = createCacheStore(undefined, logger);
  return {
    services: { config, providers, db, logger, cache, startedAt: new Date() },
    close: async () => {
      await cache.close();
      await db.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Ingests every answer passage as its own document through the queue and the worker, as an upload would be. */
async function ingestAnswers(services: Services, set: QuestionSet): Promise<string[]> {
  const worker = new IngestWorker(services, { concurrency: services.config.ingest.concurrency, leaseSeconds: 60, maxAttempts: 1, pollIntervalMs: 20 });
  worker.start();
  try {
    const ids: string[] = [];
    for (const pair of set.pairs) ids.push((await ingestText(services, BENCH_CALLER, { text: pair.answer, title: pair.id })).documentId);
    for (const id of ids) {
      for (;;) {
        const document = await getDocument(services.db, BENCH_CALLER.userId, id);
        if (document?.status === 'ready') break;
        if (document?.status === 'failed') throw new Error(`${id} failed to ingest: ${document.error}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    return ids;
  } finally {
    await worker.stop();
  }
}

export interface PreparedSet {
  services: Services;
  /** The answer document of each question, in the set's order. */
  answers: string[];
  chunkDocuments: Map<string, string>;
  bm25: Bm25Index;
  documents: number;
  ingestSeconds: number;
  close: () => Promise<void>;
}

export async function prepareSet(set: QuestionSet, driver: Driver, postgresUrl: () => Promise<string>): Promise<PreparedSet> {
  const { services, close } = await openServices(driver, postgresUrl);
  const started = performance.now();
  const answers = await ingestAnswers(services, set);
  const ingestSeconds = (performance.now() - started) / 1000;
  const chunks = await services.db.rows<{ id: string; document_id: string; content: string }>(sql`SELECT id, document_id, content FROM chunks`);
  return {
    services,
    answers,
    chunkDocuments: new Map(chunks.map((c) => [c.id, c.document_id])),
    bm25: new Bm25Index(chunks.map((c) => ({ id: c.id, text: c.content }))),
    documents: new Set(answers).size,
    ingestSeconds,
    close,
  };
}

/** The documents of Docent's top chunks for `question` with the given fusion weights (the chat's own search). */
export async function searchDocuments(prepared: PreparedSet, question: string, embedding: number[], fusion: Fusion): Promise<string[]> {
  const { services } = prepared;
  const chunks = await hybridSearch(services.db, {
    spec: vectorIndexSpec(services.config, services.providers),
    embedding,
    text: question,
    k: DEPTH,
    userId: BENCH_CALLER.userId,
    fusion,
  });
  return chunks.map((c) => c.documentId);
}

export async function evaluateSet(set: QuestionSet, driver: Driver, postgresUrl: () => Promise<string>): Promise<SetResult> {
  const prepared = await prepareSet(set, driver, postgresUrl);
  const { services, answers, bm25, chunkDocuments } = prepared;
  try {
    const ranks: Record<Ranking, Array<number | null>> = { fused: [], vector: [], lexical: [], bm25: [] };
    let fusedMs = 0;
    for (const [i, pair] of set.pairs.entries()) {
      const answer = answers[i]!;
      const started = performance.now();
      // Exactly what a chat turn does: embed the question (through the question cache), then one search.
      const passages = await retrievePassages(services, BENCH_CALLER, { question: pair.question, vaultId: null, topK: DEPTH });
      fusedMs += performance.now() - started;
      ranks.fused.push(firstRank(passages.map((p) => p.documentId), answer));
      const embedding = await embedQuestion(services, pair.question);
      ranks.vector.push(firstRank(await searchDocuments(prepared, pair.question, embedding, VECTOR_ONLY), answer));
      ranks.lexical.push(firstRank(await searchDocuments(prepared, pair.question, embedding, LEXICAL_ONLY), answer));
      ranks.bm25.push(firstRank(bm25.search(pair.question, DEPTH).map((id) => chunkDocuments.get(id)!), answer));
    }
    return {
      set: set.name,
      driver,
      questions: set.pairs.length,
      documents: prepared.documents,
      chunks: chunkDocuments.size,
      ingestSeconds: Math.round(prepared.ingestSeconds * 10) / 10,
      scores: Object.fromEntries(RANKINGS.map((r) => [r, scoreRanks(ranks[r])])) as Record<Ranking, RankingScores>,
      fusedMsPerQuestion: Math.round((fusedMs / set.pairs.length) * 100) / 100,
    };
  } finally {
    await prepared.close();
  }
}
