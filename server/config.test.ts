import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('configuration', () => {
  it('needs nothing: the embedded database and offline models with the guide’s defaults', () => {
    const config = parseConfig({});
    expect(config.database).toEqual({ driver: 'pglite', dataDir: './data' });
    expect(config.openai).toBeNull();
    expect(config).toMatchObject({
      port: 3000,
      workers: 1,
      maxRequestBytes: 10 * 1024 * 1024,
      requestTimeoutMs: 60_000,
      llmTimeoutMs: 30_000,
      llmMaxRetries: 2,
      maxHistoryMessages: 10,
      defaultTopK: 5,
      defaultTemperature: 0.3,
      chunkSize: 1024,
      chunkOverlap: 20,
      embeddingModel: 'text-embedding-3-small',
      embeddingDimensions: 1536,
      // The embedded database indexes full-precision vectors: WebAssembly inserts into a halfvec index ~5x slower.
      vectorIndex: { type: 'hnsw', m: 16, efConstruction: 200, efSearch: 40, precision: 'full' },
    });
    expect(parseConfig({ DATABASE_URL: 'postgres://u:p@db:5432/docent' }).vectorIndex.precision).toBe('half');
    expect(parseConfig({ VECTOR_INDEX_PRECISION: 'half' }).vectorIndex.precision).toBe('half');
    expect(parseConfig({ DATABASE_URL: 'postgres://u:p@db:5432/docent', VECTOR_INDEX_PRECISION: 'full' }).vectorIndex.precision).toBe('full');
  });

  it('builds the Postgres pool from DATABASE_URL with the guide’s pool settings', () => {
    const config = parseConfig({ DATABASE_URL: 'postgres://u:p@db:5432/docent', DB_PREPARE: 'false' });
    expect(config.database).toEqual({
      driver: 'postgres',
      url: 'postgres://u:p@db:5432/docent',
      poolMax: 20,
      idleTimeoutSeconds: 300,
      maxLifetimeSeconds: 1800,
      connectTimeoutSeconds: 10,
      statementTimeoutMs: 60_000,
      prepare: false,
      poolMode: 'session',
      directUrl: undefined,
      readUrls: [],
      readMaxLagSeconds: 5,
    });
  });

  it('behind a transaction pooler, prepares nothing and needs PostgreSQL’s own address for session work', () => {
    const pooled = { DATABASE_URL: 'postgres://u:p@bouncer:6432/docent', DB_POOL_MODE: 'transaction' };
    expect(problemsOf(pooled)).toEqual([expect.stringContaining('DATABASE_DIRECT_URL to PostgreSQL itself')]);
    const config = parseConfig({ ...pooled, DATABASE_DIRECT_URL: 'postgres://u:p@db:5432/docent' });
    expect(config.database).toMatchObject({ prepare: false, poolMode: 'transaction', directUrl: 'postgres://u:p@db:5432/docent' });
  });

  it('reads the replicas as a comma-separated list, and refuses them without a primary', () => {
    const config = parseConfig({ DATABASE_URL: 'postgres://db/docent', DATABASE_READ_URL: 'postgres://r1/docent, postgres://r2/docent', READ_MAX_LAG_SECONDS: '2' });
    expect(config.database).toMatchObject({ readUrls: ['postgres://r1/docent', 'postgres://r2/docent'], readMaxLagSeconds: 2 });
    expect(problemsOf({ DATABASE_READ_URL: 'postgres://r1/docent' })).toEqual([expect.stringContaining('replicas need DATABASE_URL')]);
    expect(problemsOf({ DATABASE_URL: 'postgres://db/docent', DATABASE_READ_URL: 'http://r1' })).toHaveLength(1);
  });

  it('accepts the original service’s variable names DB_URL and OPENAI_API_BASE', () => {
    const config = parseConfig({ DB_URL: 'postgresql://db/x', OPENAI_API_BASE: 'http://localhost:11434/v1' });
    expect(config.database).toMatchObject({ driver: 'postgres', url: 'postgresql://db/x' });
    expect(config.openai).toEqual({ apiKey: undefined, baseURL: 'http://localhost:11434/v1' });
  });

  it('prefers the canonical name when both are set', () => {
    const config = parseConfig({ DATABASE_URL: 'postgres://a/a', DB_URL: 'postgres://b/b' });
    expect(config.database).toMatchObject({ url: 'postgres://a/a' });
  });

  it('names the bad variable and its value', () => {
    expect(problemsOf({ DB_POOL_MAX: 'lots' })).toEqual([expect.stringMatching(/^DB_POOL_MAX="lots": /)]);
    expect(problemsOf({ DATABASE_URL: 'mysql://x' })).toEqual([
      expect.stringContaining('DATABASE_URL="mysql://x": expected a postgres:// or postgresql:// URL'),
    ]);
    expect(problemsOf({ VECTOR_INDEX: 'flat' })[0]).toMatch(/^VECTOR_INDEX="flat": .*hnsw.*ivfflat/);
    expect(problemsOf({ VECTOR_INDEX_PRECISION: 'double' })[0]).toMatch(/^VECTOR_INDEX_PRECISION="double": .*half.*full/);
    expect(problemsOf({ DEFAULT_TOP_K: '0', DB_PREPARE: 'maybe' })).toHaveLength(2);
    expect(problemsOf({ OPENAI_BASE_URL: 'not a url' })[0]).toMatch(/^OPENAI_BASE_URL=/);
  });

  it('runs several workers only on PostgreSQL: the embedded database belongs to one process', () => {
    expect(problemsOf({ WORKERS: '4' })).toEqual([expect.stringMatching(/^WORKERS=4: the embedded database can be opened by one process only; set DATABASE_URL/)]);
    expect(parseConfig({ WORKERS: '4', DATABASE_URL: 'postgres://u@db/docent' }).workers).toBe(4);
    expect(problemsOf({ WORKERS: '0' })[0]).toMatch(/^WORKERS="0": expected at least 1/);
  });

  it('rejects an overlap as large as the chunk', () => {
    expect(problemsOf({ CHUNK_SIZE: '100', CHUNK_OVERLAP: '100' })[0]).toMatch(/^CHUNK_OVERLAP=100: must be smaller/);
  });

  it('requires EMBEDDING_DIMENSIONS for an embedding model it does not know', () => {
    expect(problemsOf({ OPENAI_BASE_URL: 'http://localhost:11434/v1', EMBEDDING_MODEL: 'nomic-embed-text' })[0]).toMatch(
      /^EMBEDDING_DIMENSIONS: required for EMBEDDING_MODEL=nomic-embed-text/,
    );
    const config = parseConfig({
      OPENAI_BASE_URL: 'http://localhost:11434/v1',
      EMBEDDING_MODEL: 'nomic-embed-text',
      EMBEDDING_DIMENSIONS: '768',
    });
    expect(config.embeddingDimensions).toBe(768);
  });

  it('treats empty variables as unset', () => {
    expect(parseConfig({ DATABASE_URL: '', OPENAI_API_KEY: ' ' }).database.driver).toBe('pglite');
  });

  it('reranks only when RERANK_MODEL is set, on RERANK_BASE_URL or the OpenAI-compatible server', () => {
    expect(parseConfig({}).rerank).toBeNull();
    expect(parseConfig({ RERANK_MODEL: 'bge-reranker-v2-m3', OPENAI_BASE_URL: 'http://vllm:8000/v1/', OPENAI_API_KEY: 'k' }).rerank).toEqual({
      model: 'bge-reranker-v2-m3',
      baseURL: 'http://vllm:8000/v1',
      apiKey: 'k',
      topN: 20,
      timeoutMs: 5000,
    });
    expect(parseConfig({ RERANK_MODEL: 'm', RERANK_BASE_URL: 'http://tei:8080/v1', RERANK_TOP_N: '30', RERANK_TIMEOUT: '1.5' }).rerank).toMatchObject({
      baseURL: 'http://tei:8080/v1',
      topN: 30,
      timeoutMs: 1500,
    });
    expect(problemsOf({ RERANK_MODEL: 'm' })).toEqual([expect.stringContaining('RERANK_BASE_URL: required with RERANK_MODEL=m')]);
    expect(problemsOf({ RERANK_MODEL: 'm', RERANK_BASE_URL: 'http://x/v1', RERANK_TOP_N: '0' })).toEqual([expect.stringContaining('RERANK_TOP_N')]);
  });

  it('reads the web fetch allow-list as hosts, addresses and ranges, and names a bad entry', () => {
    expect(parseConfig({}).web).toMatchObject({ allow: [], maxBytes: 10 * 1024 * 1024, timeoutMs: 30_000, maxDepth: 2, maxPages: 50, refreshHours: 0 });
    expect(parseConfig({ URL_FETCH_ALLOW: ' Wiki.Corp, 10.2.0.0/16,127.0.0.1 ,' }).web.allow).toEqual(['wiki.corp', '10.2.0.0/16', '127.0.0.1']);
    expect(problemsOf({ URL_FETCH_ALLOW: 'wiki.corp,http://x/' })).toEqual([expect.stringContaining('URL_FETCH_ALLOW')]);
    expect(problemsOf({ URL_FETCH_ALLOW: '10.0.0.0/40' })).toEqual([expect.stringContaining('URL_FETCH_ALLOW')]);
  });
});

describe('OCR settings', () => {
  it('recognises English with one worker by default, and takes languages joined by +', () => {
    expect(parseConfig({}).ocr).toEqual({ concurrency: 1, languages: ['eng'], pageTimeoutMs: 60_000 });
    expect(parseConfig({ OCR_CONCURRENCY: '2', OCR_LANGUAGES: 'eng', OCR_PAGE_TIMEOUT: '5' }).ocr).toEqual({ concurrency: 2, languages: ['eng'], pageTimeoutMs: 5000 });
  });

  it('names the package to install for a language whose data is not installed', () => {
    expect(problemsOf({ OCR_LANGUAGES: 'eng+deu' })).toEqual(['OCR_LANGUAGES=eng+deu: no language data installed; run npm install @tesseract.js-data/deu']);
  });

  it('refuses a language code that is not one', () => {
    expect(problemsOf({ OCR_LANGUAGES: '../eng' })).toEqual([expect.stringMatching(/^OCR_LANGUAGES=.*: expected tesseract language codes joined by \+/)]);
    expect(problemsOf({ OCR_CONCURRENCY: '0' })).toEqual([expect.stringMatching(/^OCR_CONCURRENCY="0": expected at least 1/)]);
  });
});
