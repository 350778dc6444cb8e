import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Every Prometheus metric Docent exports, in one registry. Kept on globalThis: Next.js may load this module
 * once per route bundle, and a second registry would split the counts.
 */

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'docent_' });
  const on = { registers: [registry] };
  return {
    registry,
    httpRequests: new Counter({ name: 'docent_http_requests_total', help: 'HTTP requests answered', labelNames: ['route', 'method', 'status'], ...on }),
    httpDuration: new Histogram({
      name: 'docent_http_request_duration_seconds',
      help: 'Time to answer an HTTP request (for streams: until the response starts)',
      labelNames: ['route', 'method', 'status'],
      buckets: LATENCY_BUCKETS,
      ...on,
    }),
    httpInFlight: new Gauge({ name: 'docent_http_requests_in_flight', help: 'HTTP requests being answered', labelNames: ['route'], ...on }),
    dbQueryDuration: new Histogram({
      name: 'docent_db_query_duration_seconds',
      help: 'Database query duration',
      labelNames: ['driver', 'outcome'],
      buckets: LATENCY_BUCKETS,
      ...on,
    }),
    dbQueriesInFlight: new Gauge({ name: 'docent_db_queries_in_flight', help: 'Queries sent and not yet answered', ...on }),
    dbSlowQueries: new Counter({ name: 'docent_db_slow_queries_total', help: 'Queries slower than SLOW_QUERY_MS', ...on }),
    dbPoolMax: new Gauge({ name: 'docent_db_pool_max', help: 'Connection pool size limit (DB_POOL_MAX)', ...on }),
    dbPoolConnections: new Gauge({
      name: 'docent_db_pool_connections',
      help: "This app's connections by state, from pg_stat_activity",
      labelNames: ['state'],
      ...on,
    }),
    dbPoolWaiting: new Gauge({ name: 'docent_db_pool_waiting', help: 'Queries waiting for a free connection', ...on }),
    dbReplicaLag: new Gauge({
      name: 'docent_db_replica_lag_seconds',
      help: 'How far each read replica is behind the primary (-1: not answering)',
      labelNames: ['replica'],
      ...on,
    }),
    dbReplicaUsable: new Gauge({
      name: 'docent_db_replica_usable',
      help: '1 while a read replica takes reads: answering and within READ_MAX_LAG_SECONDS',
      labelNames: ['replica'],
      ...on,
    }),
    cacheRequests: new Counter({
      name: 'docent_cache_requests_total',
      help: 'Cache lookups by cache and result',
      labelNames: ['cache', 'result'],
      ...on,
    }),
    llmDuration: new Histogram({
      name: 'docent_llm_request_duration_seconds',
      help: 'Model calls: whole answer for chat, whole request for embeddings',
      labelNames: ['operation', 'model', 'outcome'],
      buckets: LATENCY_BUCKETS,
      ...on,
    }),
    timeToFirstToken: new Histogram({
      name: 'docent_llm_time_to_first_token_seconds',
      help: 'From the model call to the first token of the answer',
      labelNames: ['model'],
      buckets: LATENCY_BUCKETS,
      ...on,
    }),
    llmTokens: new Counter({ name: 'docent_llm_tokens_total', help: 'Tokens sent to and received from models', labelNames: ['model', 'direction'], ...on }),
    llmCost: new Counter({ name: 'docent_llm_cost_usd_total', help: 'Estimated model cost (MODEL_PRICES)', labelNames: ['model'], ...on }),
    llmRetries: new Counter({ name: 'docent_llm_retries_total', help: 'Model calls retried', labelNames: ['operation'], ...on }),
    llmRateLimited: new Counter({ name: 'docent_llm_rate_limited_total', help: 'Model calls answered 429', labelNames: ['operation'], ...on }),
    rerankFallbacks: new Counter({ name: 'docent_rerank_fallbacks_total', help: 'Reranks that failed, so the fused order was kept', labelNames: ['reason'], ...on }),
    chatAnswers: new Counter({ name: 'docent_chat_answers_total', help: 'Answers by outcome', labelNames: ['status', 'cached'], ...on }),
    ingestQueueDepth: new Gauge({ name: 'docent_ingest_queue_depth', help: 'Ingestion jobs queued or running', labelNames: ['status'], ...on }),
    ingestJobDuration: new Histogram({
      name: 'docent_ingest_job_duration_seconds',
      help: 'Time to process one document',
      labelNames: ['outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      ...on,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const KEY = Symbol.for('docent.metrics');
const slot = globalThis as unknown as { [KEY]?: Metrics };

export function metrics(): Metrics {
  slot[KEY] ??= createMetrics();
  return slot[KEY];
}
