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
import { embedTextOffline } from '@/server/providers/offline-embedder';
import { createProviders } from '@/server/providers/registry';
import { USE_EMBEDDING_MODEL_ID } from '@/server/providers/use-embedder';
import { vectorIndexSpec, type Services } from '@/server/services';
import { Bm25Index } from './bm25';
import { DEPTH, firstRank, scoreRanks, type RankingScores } from './metrics';
import type { QuestionSet } from './question-set';
import { BENCH_CALLER } from '../support/bench-caller';

export type Driver = 'pglite' | 'postgres';

/** The rankings compared for every question: Docent's default, its two halves alone, and the BM25 floor. */
export const RANKINGS = ['fused', 'vector', 'lexical', 'bm25', 'both'] as const;
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
  /** `both` only when the configured embedder is the sentence encoder (EMBEDDING_MODEL=offline-use). */
  scores: Partial<Record<Ranking, RankingScores>> & Record<Exclude<Ranking, 'both'>, RankingScores>;
  /** The embedding model of the vector list. */
  embeddingModel: string;
  /** Mean time per question of Docent's own retrieval (question embedding and the search statement), ms. */
  fusedMsPerQuestion: number;
}

/** The app's services on an empty database of `driver`, configured as a new user's default install is. */
async function openServices(driver: Driver, postgresUrl: () => Promise<string>): Promise<{ services: Services; close: () => Promise<void> }> {
  const dataDir = driver === 'pglite' ? await mkdtemp(path.join(os.tmpdir(), 'docent-eval-')) : null;
  // `npm run eval -- --embedding offline-use` measures the other offline embedder (bench/eval.ts sets this).
  const embedding = process.env.EMBEDDING_MODEL ? { EMBEDDING_MODEL: process.env.EMBEDDING_MODEL } : {};
  const config = parseConfig(
    dataDir ? { DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...embedding } : { DATABASE_URL: await postgresUrl(), LOG_LEVEL: 'silent', ...embedding },
  );
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

/** Chunk ids of the search's top DEPTH chunks. */
async function searchChunks(prepared: PreparedSet, question: string, embedding: number[], fusion: Fusion): Promise<string[]> {
  const { services } = prepared;
  const chunks = await hybridSearch(services.db, {
    spec: vectorIndexSpec(services.config, services.providers),
    embedding,
    text: question,
    k: DEPTH,
    userId: BENCH_CALLER.userId,
    fusion,
  });
  return chunks.map((c) => c.chunkId);
}

/** The hashed embedder's nearest chunks to a question, by exact cosine over every chunk (the sets are small). */
async function hashedIndex(services: Services): Promise<(question: string) => string[]> {
  const rows = await services.db.rows<{ id: string; content: string }>(sql`SELECT id, content FROM chunks`);
  const vectors = rows.map((r) => ({ id: r.id, vector: embedTextOffline(r.content) }));
  return (question) => {
    const q = embedTextOffline(question);
    return vectors
      .map(({ id, vector }) => ({ id, score: vector.reduce((sum, x, i) => sum + x * q[i]!, 0) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, DEPTH * 4)
      .map((c) => c.id);
  };
}

/** Weighted reciprocal rank fusion with the default damping constant, as the search statement does it. */
function fuseLists(lists: Array<{ ids: string[]; weight: number }>): string[] {
  const scores = new Map<string, number>();
  for (const { ids, weight } of lists) ids.forEach((id, i) => scores.set(id, (scores.get(id) ?? 0) + weight / (DEFAULT_FUSION.rrfK + i + 1)));
  return [...scores.entries()].sort((a, b) => b[1] - a[1]).slice(0, DEPTH).map(([id]) => id);
}

export async function evaluateSet(set: QuestionSet, driver: Driver, postgresUrl: () => Promise<string>): Promise<SetResult> {
  const prepared = await prepareSet(set, driver, postgresUrl);
  const { services, answers, bm25, chunkDocuments } = prepared;
  // With the sentence encoder: also the hashed embedder's nearest chunks, fused with both other lists (in JS).
  const hashed = services.providers.embedding.model === USE_EMBEDDING_MODEL_ID ? await hashedIndex(services) : null;
  try {
    const ranks: Record<Ranking, Array<number | null>> = { fused: [], vector: [], lexical: [], bm25: [], both: [] };
    let fusedMs = 0;
    for (const [i, pair] of set.pairs.entries()) {
      const answer = answers[i]!;
      const started = performance.now();
      // Exactly what a chat turn does: embed the question (through the question cache), then one search.
      const passages = await retrievePassages(services, BENCH_CALLER, { question: pair.question, vaultId: null, topK: DEPTH });
      fusedMs += performance.now() - started;
      ranks.fused.push(firstRank(passages.map((p) => p.documentId), answer));
      const embedding = await embedQuestion(services, pair.question);
      const vectorChunks = await searchChunks(prepared, pair.question, embedding, VECTOR_ONLY);
      const lexicalChunks = await searchChunks(prepared, pair.question, embedding, LEXICAL_ONLY);
      ranks.vector.push(firstRank(vectorChunks.map((id) => chunkDocuments.get(id)!), answer));
      ranks.lexical.push(firstRank(lexicalChunks.map((id) => chunkDocuments.get(id)!), answer));
      if (hashed) {
        const both = fuseLists([
          { ids: vectorChunks, weight: DEFAULT_FUSION.vector },
          { ids: hashed(pair.question), weight: DEFAULT_FUSION.vector },
          { ids: lexicalChunks, weight: DEFAULT_FUSION.text },
        ]);
        ranks.both.push(firstRank(both.map((id) => chunkDocuments.get(id)!), answer));
      }
      ranks.bm25.push(firstRank(bm25.search(pair.question, DEPTH).map((id) => chunkDocuments.get(id)!), answer));
    }
    return {
      set: set.name,
      driver,
      questions: set.pairs.length,
      documents: prepared.documents,
      chunks: chunkDocuments.size,
      ingestSeconds: Math.round(prepared.ingestSeconds * 10) / 10,
      scores: Object.fromEntries(RANKINGS.filter((r) => r !== 'both' || hashed).map((r) => [r, scoreRanks(ranks[r])])) as SetResult['scores'],
      embeddingModel: services.providers.embedding.model,
      fusedMsPerQuestion: Math.round((fusedMs / set.pairs.length) * 100) / 100,
    };
  } finally {
    await prepared.close();
  }
}
