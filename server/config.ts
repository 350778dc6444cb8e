import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import type { DatabaseOptions } from '@/db/client';
import type { VectorIndexOptions } from '@/db/vector-index';
import { missingOcrLanguagePackages } from './ingest/ocr/language-data';

/**
 * The one place that reads process.env. Every knob of the performance guide lives here with its default;
 * parsing fails at start-up with the offending variable named, never later in a request.
 */

const number = () => z.coerce.number({ error: 'expected a number' });
const seconds = (fallback: number) => number().positive('expected a positive number of seconds').default(fallback);
const int = (fallback: number, min: number, max: number) =>
  number()
    .int('expected a whole number')
    .min(min, `expected at least ${min}`)
    .max(max, `expected at most ${max}`)
    .default(fallback);
const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'expected true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((v) => ['true', '1', 'yes', 'on'].includes(v));
const listOf = (value: string) => value.split(',').map((entry) => entry.trim().toLowerCase()).filter(Boolean);
const isHostOrRange = (entry: string) =>
  ipaddr.isValid(entry) || ipaddr.isValidCIDR(entry) || /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/.test(entry);
const optionalUrl = z.string().url('expected a URL').optional();
const modelPrices = z.record(z.string(), z.object({ input: z.number().min(0), output: z.number().min(0).default(0) }));

/** USD per million tokens, for the cost estimate on the admin page; MODEL_PRICES adds to or overrides these. */
const DEFAULT_MODEL_PRICES: Record<string, { input: number; output: number }> = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
  'text-embedding-3-small': { input: 0.02, output: 0 },
  'text-embedding-3-large': { input: 0.13, output: 0 },
  'text-embedding-ada-002': { input: 0.1, output: 0 },
};

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: int(3000, 1, 65535),
  // Loopback unless told otherwise: exposing the app is a decision (a reverse proxy with TLS, or 0.0.0.0 in a
  // container). HOST and the HTTP_* timeouts are applied by the production server (scripts/serve/), which reads
  // them itself before the app is loaded; they are validated here with everything else.
  HOST: z.string().min(1).default('127.0.0.1'),
  HTTP_HEADERS_TIMEOUT: seconds(10),
  HTTP_REQUEST_TIMEOUT: seconds(120),
  HTTP_BODY_IDLE_TIMEOUT: seconds(20),
  // How many reverse proxies in front of the app append to X-Forwarded-For; 0 trusts no such header.
  TRUST_PROXY: int(0, 0, 10),
  // Server processes `npm start` runs (scripts/serve.mjs): Node runs a process's JavaScript on one core.
  WORKERS: int(1, 1, 64),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_REQUEST_SIZE: int(10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  REQUEST_TIMEOUT: seconds(60),

  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DB_POOL_MAX: int(20, 1, 1000),
  DB_IDLE_TIMEOUT: seconds(300),
  DB_MAX_LIFETIME: seconds(1800),
  DB_CONNECT_TIMEOUT: seconds(10),
  DB_STATEMENT_TIMEOUT: seconds(60),
  DB_PREPARE: bool(true),
  // `transaction`: behind a pooler in transaction mode (PgBouncer): no prepared statements, no settings in the
  // startup packet (the pooler refuses them and would not keep them), session-level work on DATABASE_DIRECT_URL.
  DB_POOL_MODE: z.enum(['session', 'transaction']).default('session'),
  // Comma-separated streaming replicas for reads that tolerate lag: retrieval and listings.
  DATABASE_READ_URL: z
    .string()
    .transform((value) => value.split(',').map((url) => url.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^postgres(ql)?:\/\//, 'expected postgres:// or postgresql:// URLs, separated by commas')))
    .optional(),
  READ_MAX_LAG_SECONDS: int(5, 0, 3600),
  DATABASE_DIRECT_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
    .optional(),

  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: optionalUrl,
  CHAT_MODEL: z.string().min(1).default('gpt-4o-mini'),
  // `offline-hashed` / `offline-use` name the offline embedders (with or without an OpenAI-compatible server).
  EMBEDDING_MODEL: z.string().min(1).default('text-embedding-3-small'),
  EMBEDDING_DIMENSIONS: number().int('expected a whole number').min(1).max(16000).optional(),
  LLM_TIMEOUT: seconds(30),
  LLM_MAX_RETRIES: int(2, 0, 10),
  // Optional second stage of retrieval: a cross-encoder on an OpenAI-compatible server's /v1/rerank (Cohere, Jina,
  // vLLM, Hugging Face TEI shape). Unset: no reranking.
  RERANK_MODEL: z.string().min(1).optional(),
  RERANK_BASE_URL: optionalUrl,
  RERANK_TOP_N: int(20, 1, 200),
  RERANK_TIMEOUT: seconds(5),

  MAX_HISTORY_MESSAGES: int(10, 0, 200),
  HISTORY_TOKEN_BUDGET: int(2000, 0, 200_000),
  MAX_QUESTION_CHARS: int(8000, 10, 1_000_000),
  RESPONSE_CACHE_TTL: int(300, 0, 7 * 24 * 3600),
  SESSION_CACHE_TTL: int(300, 0, 24 * 3600),
  DEFAULT_TOP_K: int(5, 1, 50),
  DEFAULT_TEMPERATURE: number().min(0, 'expected at least 0').max(2, 'expected at most 2').default(0.3),
  CHUNK_SIZE: int(1024, 32, 8192),
  CHUNK_OVERLAP: int(20, 0, 4096),

  VECTOR_INDEX: z.enum(['hnsw', 'ivfflat']).default('hnsw'),
  // half: the index holds 2-byte floats. At 100K 1536-dim vectors it is half the size, as fast or faster, and
  // recall@5 is unchanged (bench/NOTES.md §12); the stored vectors stay full precision.
  VECTOR_INDEX_PRECISION: z.enum(['half', 'full']).optional(),
  HNSW_M: int(16, 2, 100),
  // 200, not pgvector's 64: at 100K clustered 1536-dim vectors recall@5 goes from 0.85 to 0.98 (bench/NOTES.md).
  HNSW_EF_CONSTRUCTION: int(200, 4, 1000),
  HNSW_EF_SEARCH: int(40, 1, 1000),
  IVFFLAT_LISTS: int(100, 1, 32768),
  IVFFLAT_PROBES: int(10, 1, 32768),

  MAX_UPLOAD_BYTES: int(50 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  MAX_UPLOAD_FILES: int(20, 1, 1000),
  MAX_DOCUMENT_PAGES: int(5000, 1, 1_000_000),
  MAX_DOCUMENT_CHARS: int(10_000_000, 1000, 1_000_000_000),
  INGEST_DOCUMENT_TIMEOUT: seconds(300),
  INGEST_THREAD_MEMORY_MB: int(1024, 64, 65_536),
  INGEST_WORKER: bool(true),
  INGEST_CONCURRENCY: int(2, 1, 64),
  INGEST_JOB_LEASE_SECONDS: int(60, 2, 3600),
  INGEST_MAX_ATTEMPTS: int(3, 1, 20),
  EMBED_BATCH_SIZE: int(128, 1, 2048),
  // Web pages (server/web/): hosts or CIDRs let through the private-address guard, e.g. "wiki.corp,10.2.0.0/16".
  URL_FETCH_ALLOW: z
    .string()
    .default('')
    .refine((value) => listOf(value).every(isHostOrRange), 'expected host names, IP addresses or CIDR ranges, comma-separated'),
  URL_FETCH_MAX_BYTES: int(10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  URL_FETCH_TIMEOUT: seconds(30),
  URL_CRAWL_MAX_DEPTH: int(2, 0, 10),
  URL_CRAWL_MAX_PAGES: int(50, 1, 5000),
  // How often a fetched page is fetched again (a document's own interval overrides it); 0: only on demand.
  URL_REFRESH_HOURS: number().min(0, 'expected at least 0').default(0),
  EMBED_CONCURRENCY: int(4, 1, 64),
  // Text recognition of scans and images: one tesseract.js thread per page at once (a page keeps a core busy).
  OCR_CONCURRENCY: int(1, 1, 64),
  OCR_LANGUAGES: z
    .string()
    .regex(/^[a-z_]+(\+[a-z_]+)*$/, 'expected tesseract language codes joined by +, such as eng or eng+deu')
    .default('eng')
    .transform((value) => value.split('+')),
  OCR_PAGE_TIMEOUT: seconds(60),

  ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  METRICS_PUBLIC: bool(false),
  METRICS_SAMPLE_SECONDS: int(10, 1, 300),
  MODEL_PRICES: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined) return {};
      try {
        return modelPrices.parse(JSON.parse(raw));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'expected JSON like {"gpt-4o-mini":{"input":0.15,"output":0.6}} (USD per million tokens)' });
        return z.NEVER;
      }
    }),
  SLOW_QUERY_MS: int(500, 1, 600_000),
  SESSION_RETENTION_DAYS: int(90, 1, 36_500),
  EMBEDDING_CACHE_RETENTION_DAYS: int(180, 1, 36_500),
  MAINTENANCE_INTERVAL_HOURS: number().min(0, 'expected at least 0').default(24),

  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL')
    .optional(),

  // Where people reach Docent (sign-in redirects, links, trusted origin); unset: http://localhost:PORT.
  PUBLIC_URL: z.string().url('expected a URL such as https://docent.example.com').optional(),
  // Signs session cookies; unset: generated at first start and stored in the database (shared by all instances).
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_DAYS: int(7, 1, 365),
  // The original service's API without credentials, acting as one built-in user: off unless an operator opts in.
  ALLOW_ANONYMOUS_API: bool(false),
  OIDC_ISSUER: z.string().url('expected the issuer URL, e.g. https://accounts.example.com').optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).default('single sign-on'),
  // People who sign in through OIDC for the first time get an account (as members); false: only existing ones.
  OIDC_ALLOW_SIGN_UP: bool(true),
  // Requests per window per caller (0: no limit); the per-address limit is RATE_LIMIT_IP_FACTOR times larger.
  RATE_LIMIT_WINDOW: int(60, 1, 24 * 3600),
  RATE_LIMIT_CHAT: int(30, 0, 1_000_000),
  RATE_LIMIT_INGEST: int(60, 0, 1_000_000),
  RATE_LIMIT_UPLOAD: int(60, 0, 1_000_000),
  RATE_LIMIT_IP_FACTOR: int(4, 1, 1000),
  MAX_CONCURRENT_ANSWERS: int(50, 1, 100_000),
});

/** The embedders that run inside Docent, by the names EMBEDDING_MODEL takes (and the ids stored with vectors). */
export type OfflineEmbedder = 'hashed' | 'use';
const OFFLINE_EMBEDDERS: Record<string, OfflineEmbedder> = {
  'offline-hashed': 'hashed',
  'docent-hash-v1': 'hashed',
  'offline-use': 'use',
  'docent-use-lite-v1': 'use',
};
/** The offline embedder when EMBEDDING_MODEL names none: chosen by `npm run eval` and `npm run bench:ingest` (README). */
const DEFAULT_OFFLINE_EMBEDDER: OfflineEmbedder = 'hashed';

/** Dimensions of the embedding models we know; any other model needs EMBEDDING_DIMENSIONS. */
const KNOWN_EMBEDDING_DIMENSIONS: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

/** Older names the original service (and OpenAI's own tooling) used for the same settings. */
const ALIASES: Record<string, string> = { DB_URL: 'DATABASE_URL', OPENAI_API_BASE: 'OPENAI_BASE_URL' };

type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  /** Server processes sharing the port (scripts/serve.mjs); more than one needs DATABASE_URL. */
  workers: number;
  logLevel: Env['LOG_LEVEL'];
  maxRequestBytes: number;
  requestTimeoutMs: number;
  database: DatabaseOptions;
  /** null means the offline embedder and extractive answerer are used. */
  openai: { apiKey: string | undefined; baseURL: string | undefined } | null;
  chatModel: string;
  embeddingModel: string;
  /**
   * Set when chunks and questions are embedded inside Docent: without an OpenAI-compatible server (the default
   * offline embedder unless EMBEDDING_MODEL names one), or when EMBEDDING_MODEL names one.
   */
  offlineEmbedder: OfflineEmbedder | null;
  /** Dimensions of the configured OpenAI-compatible embedding model (the offline embedder has its own). */
  embeddingDimensions: number;
  llmTimeoutMs: number;
  llmMaxRetries: number;
  /** null: no reranking. Otherwise the top `topN` fused candidates are reordered by `model` before the cut to top_k. */
  rerank: { model: string; baseURL: string; apiKey: string | undefined; topN: number; timeoutMs: number } | null;
  maxHistoryMessages: number;
  /** History beyond this many tokens is dropped, oldest first, even within MAX_HISTORY_MESSAGES. */
  historyTokenBudget: number;
  maxQuestionChars: number;
  /** Seconds a cached answer is served; 0 turns the response cache off. */
  responseCacheTtlSeconds: number;
  sessionCacheTtlSeconds: number;
  defaultTopK: number;
  defaultTemperature: number;
  chunkSize: number;
  chunkOverlap: number;
  vectorIndex: VectorIndexOptions;
  ingest: {
    maxUploadBytes: number;
    maxUploadFiles: number;
    maxDocumentPages: number;
    maxDocumentChars: number;
    /** Extraction, chunking and offline embedding of one document, in its worker thread. */
    documentTimeoutMs: number;
    /** Heap limit of each ingestion thread. */
    threadMemoryMb: number;
    /** Whether this process runs the ingestion worker (off for web-only instances). */
    worker: boolean;
    concurrency: number;
    leaseSeconds: number;
    maxAttempts: number;
    embedBatchSize: number;
    embedConcurrency: number;
  };
  /** Text recognition of scanned PDF pages and images (server/ingest/ocr/). */
  ocr: {
    concurrency: number;
    /** Tesseract language codes, each with its data package installed. */
    languages: string[];
    pageTimeoutMs: number;
  };
  web: {
    /** Host names (lower case) and CIDR ranges the private-address guard lets through. */
    allow: string[];
    maxBytes: number;
    /** A whole fetch, redirects included. */
    timeoutMs: number;
    /** Ceilings on what a crawl may ask for, and the defaults when it does not say. */
    maxDepth: number;
    maxPages: number;
    /** 0: pages are fetched again only on demand. */
    refreshHours: number;
  };
  admin: {
    /** Set: this token. Unset: one is generated at first start and stored in the database. */
    token: string | undefined;
    metricsPublic: boolean;
    metricsSampleSeconds: number;
    slowQueryMs: number;
    sessionRetentionDays: number;
    embeddingCacheRetentionDays: number;
    /** 0 turns scheduled maintenance off. */
    maintenanceIntervalHours: number;
  };
  /** USD per million tokens by model. */
  modelPrices: Record<string, { input: number; output: number }>;
  redisUrl: string | undefined;
  auth: {
    publicUrl: string;
    /** Unset: generated and stored in the database. */
    secret: string | undefined;
    sessionDays: number;
    allowAnonymousApi: boolean;
    /** Single sign-on through an OpenID Connect provider, when OIDC_ISSUER is set. */
    oidc: { issuer: string; clientId: string; clientSecret: string | undefined; name: string; allowSignUp: boolean } | null;
  };
  /** How many proxies' X-Forwarded-For entries to believe when finding the client's address. */
  trustProxy: number;
  limits: {
    windowSeconds: number;
    /** Per caller and window; 0 turns that limit off. */
    chat: number;
    ingest: number;
    upload: number;
    /** The per-address limit is this many times the per-caller one: several people may share an address. */
    ipFactor: number;
    /** Chat answers being generated at once in this process; more get 503. */
    maxConcurrentAnswers: number;
  };
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function applyAliases(source: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(source)) {
    // Empty variables (FOO=) mean "unset", as in most .env tooling.
    if (value !== undefined && value.trim() !== '') out[key] = value.trim();
  }
  for (const [alias, canonical] of Object.entries(ALIASES)) {
    if (out[canonical] === undefined && out[alias] !== undefined) out[canonical] = out[alias];
  }
  return out;
}

export function parseConfig(source: Record<string, string | undefined> = process.env): Config {
  const values = applyAliases(source);
  const parsed = envSchema.safeParse(values);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        return `${name}=${JSON.stringify(values[name] ?? '')}: ${issue.message}`;
      }),
    );
  }
  const env = parsed.data;
  const problems: string[] = [];

  if (env.WORKERS > 1 && !env.DATABASE_URL) {
    problems.push(`WORKERS=${env.WORKERS}: the embedded database can be opened by one process only; set DATABASE_URL to run several workers`);
  }
  if (env.DB_POOL_MODE === 'transaction' && !(env.DATABASE_URL && env.DATABASE_DIRECT_URL)) {
    problems.push(
      'DB_POOL_MODE=transaction: set DATABASE_URL to the pooler and DATABASE_DIRECT_URL to PostgreSQL itself (migrations and locks need one session, which a transaction pooler does not keep)',
    );
  }
  if (env.DATABASE_READ_URL?.length && !env.DATABASE_URL) {
    problems.push('DATABASE_READ_URL: replicas need DATABASE_URL (the embedded database has none)');
  }
  if (env.CHUNK_OVERLAP >= env.CHUNK_SIZE) {
    problems.push(`CHUNK_OVERLAP=${env.CHUNK_OVERLAP}: must be smaller than CHUNK_SIZE (${env.CHUNK_SIZE})`);
  }
  const usesOpenAI = env.OPENAI_API_KEY !== undefined || env.OPENAI_BASE_URL !== undefined;
  // PostgreSQL indexes half-precision vectors (half the memory, same recall: bench/NOTES.md §12). The embedded
  // database (WebAssembly, no hardware float16) takes ~5 times longer to insert into a halfvec index, and holds the
  // web process while it does, so it indexes full precision unless told otherwise.
  const indexPrecision = env.VECTOR_INDEX_PRECISION ?? (env.DATABASE_URL ? 'half' : 'full');
  const embeddingDimensions = env.EMBEDDING_DIMENSIONS ?? KNOWN_EMBEDDING_DIMENSIONS[env.EMBEDDING_MODEL];
  const namedOffline = OFFLINE_EMBEDDERS[env.EMBEDDING_MODEL];
  if (usesOpenAI && !namedOffline && embeddingDimensions === undefined) {
    problems.push(
      `EMBEDDING_DIMENSIONS: required for EMBEDDING_MODEL=${env.EMBEDDING_MODEL} (known models: ${Object.keys(KNOWN_EMBEDDING_DIMENSIONS).join(', ')})`,
    );
  }
  const rerankBaseURL = env.RERANK_BASE_URL ?? env.OPENAI_BASE_URL;
  if (env.RERANK_MODEL && !rerankBaseURL) {
    problems.push(`RERANK_BASE_URL: required with RERANK_MODEL=${env.RERANK_MODEL} (or OPENAI_BASE_URL): OpenAI itself has no rerank endpoint`);
  }
  const missingLanguages = missingOcrLanguagePackages(env.OCR_LANGUAGES);
  if (missingLanguages.length > 0) {
    problems.push(`OCR_LANGUAGES=${env.OCR_LANGUAGES.join('+')}: no language data installed; run npm install ${missingLanguages.join(' ')}`);
  }
  if (env.OIDC_ISSUER && !env.OIDC_CLIENT_ID) problems.push('OIDC_CLIENT_ID: required with OIDC_ISSUER');
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: env.NODE_ENV,
    port: env.PORT,
    workers: env.WORKERS,
    logLevel: env.LOG_LEVEL,
    maxRequestBytes: env.MAX_REQUEST_SIZE,
    requestTimeoutMs: env.REQUEST_TIMEOUT * 1000,
    database: env.DATABASE_URL
      ? {
          driver: 'postgres',
          url: env.DATABASE_URL,
          poolMax: env.DB_POOL_MAX,
          idleTimeoutSeconds: env.DB_IDLE_TIMEOUT,
          maxLifetimeSeconds: env.DB_MAX_LIFETIME,
          connectTimeoutSeconds: env.DB_CONNECT_TIMEOUT,
          statementTimeoutMs: env.DB_STATEMENT_TIMEOUT * 1000,
          prepare: env.DB_PREPARE && env.DB_POOL_MODE === 'session',
          poolMode: env.DB_POOL_MODE,
          directUrl: env.DATABASE_DIRECT_URL,
          readUrls: env.DATABASE_READ_URL ?? [],
          readMaxLagSeconds: env.READ_MAX_LAG_SECONDS,
        }
      : { driver: 'pglite', dataDir: env.DATA_DIR },
    openai: usesOpenAI ? { apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL } : null,
    chatModel: env.CHAT_MODEL,
    embeddingModel: env.EMBEDDING_MODEL,
    offlineEmbedder: namedOffline ?? (usesOpenAI ? null : DEFAULT_OFFLINE_EMBEDDER),
    embeddingDimensions: embeddingDimensions ?? 1536,
    llmTimeoutMs: env.LLM_TIMEOUT * 1000,
    llmMaxRetries: env.LLM_MAX_RETRIES,
    rerank: env.RERANK_MODEL
      ? {
          model: env.RERANK_MODEL,
          baseURL: rerankBaseURL!.replace(/\/+$/, ''),
          apiKey: env.OPENAI_API_KEY,
          topN: env.RERANK_TOP_N,
          timeoutMs: env.RERANK_TIMEOUT * 1000,
        }
      : null,
    maxHistoryMessages: env.MAX_HISTORY_MESSAGES,
    historyTokenBudget: env.HISTORY_TOKEN_BUDGET,
    maxQuestionChars: env.MAX_QUESTION_CHARS,
    responseCacheTtlSeconds: env.RESPONSE_CACHE_TTL,
    sessionCacheTtlSeconds: env.SESSION_CACHE_TTL,
    defaultTopK: env.DEFAULT_TOP_K,
    defaultTemperature: env.DEFAULT_TEMPERATURE,
    chunkSize: env.CHUNK_SIZE,
    chunkOverlap: env.CHUNK_OVERLAP,
    vectorIndex:
      env.VECTOR_INDEX === 'hnsw'
        ? { type: 'hnsw', m: env.HNSW_M, efConstruction: env.HNSW_EF_CONSTRUCTION, efSearch: env.HNSW_EF_SEARCH, precision: indexPrecision }
        : { type: 'ivfflat', lists: env.IVFFLAT_LISTS, probes: env.IVFFLAT_PROBES, precision: indexPrecision },
    ingest: {
      maxUploadBytes: env.MAX_UPLOAD_BYTES,
      maxUploadFiles: env.MAX_UPLOAD_FILES,
      maxDocumentPages: env.MAX_DOCUMENT_PAGES,
      maxDocumentChars: env.MAX_DOCUMENT_CHARS,
      documentTimeoutMs: env.INGEST_DOCUMENT_TIMEOUT * 1000,
      threadMemoryMb: env.INGEST_THREAD_MEMORY_MB,
      worker: env.INGEST_WORKER,
      concurrency: env.INGEST_CONCURRENCY,
      leaseSeconds: env.INGEST_JOB_LEASE_SECONDS,
      maxAttempts: env.INGEST_MAX_ATTEMPTS,
      embedBatchSize: env.EMBED_BATCH_SIZE,
      embedConcurrency: env.EMBED_CONCURRENCY,
    },
    ocr: { concurrency: env.OCR_CONCURRENCY, languages: env.OCR_LANGUAGES, pageTimeoutMs: env.OCR_PAGE_TIMEOUT * 1000 },
    web: {
      allow: listOf(env.URL_FETCH_ALLOW),
      maxBytes: env.URL_FETCH_MAX_BYTES,
      timeoutMs: env.URL_FETCH_TIMEOUT * 1000,
      maxDepth: env.URL_CRAWL_MAX_DEPTH,
      maxPages: env.URL_CRAWL_MAX_PAGES,
      refreshHours: env.URL_REFRESH_HOURS,
    },
    admin: {
      token: env.ADMIN_TOKEN,
      metricsPublic: env.METRICS_PUBLIC,
      metricsSampleSeconds: env.METRICS_SAMPLE_SECONDS,
      slowQueryMs: env.SLOW_QUERY_MS,
      sessionRetentionDays: env.SESSION_RETENTION_DAYS,
      embeddingCacheRetentionDays: env.EMBEDDING_CACHE_RETENTION_DAYS,
      maintenanceIntervalHours: env.MAINTENANCE_INTERVAL_HOURS,
    },
    modelPrices: { ...DEFAULT_MODEL_PRICES, ...env.MODEL_PRICES },
    redisUrl: env.REDIS_URL,
    auth: {
      publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
      secret: env.AUTH_SECRET,
      sessionDays: env.SESSION_DAYS,
      allowAnonymousApi: env.ALLOW_ANONYMOUS_API,
      oidc: env.OIDC_ISSUER
        ? {
            issuer: env.OIDC_ISSUER.replace(/\/+$/, ''),
            clientId: env.OIDC_CLIENT_ID!,
            clientSecret: env.OIDC_CLIENT_SECRET,
            name: env.OIDC_NAME,
            allowSignUp: env.OIDC_ALLOW_SIGN_UP,
          }
        : null,
    },
    trustProxy: env.TRUST_PROXY,
    limits: {
      windowSeconds: env.RATE_LIMIT_WINDOW,
      chat: env.RATE_LIMIT_CHAT,
      ingest: env.RATE_LIMIT_INGEST,
      upload: env.RATE_LIMIT_UPLOAD,
      ipFactor: env.RATE_LIMIT_IP_FACTOR,
      maxConcurrentAnswers: env.MAX_CONCURRENT_ANSWERS,
    },
  };
}

let cached: Config | undefined;

/** The process-wide configuration, parsed once on first use. */
export function getConfig(): Config {
  cached ??= parseConfig();
  return cached;
}
