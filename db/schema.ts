import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Embeddings are stored as an unconstrained `vector` so one table holds vectors of any model and size:
 * changing EMBEDDING_MODEL never requires dropping data. Each model gets its own partial expression index
 * (`(embedding::vector(N)) ... WHERE embedding_model = '...'`), see db/vector-index.ts.
 */
export const vector = customType<{ data: number[]; driverData: string }>({
  dataType: () => 'vector',
  toDriver: (value) => `[${value.join(',')}]`,
  fromDriver: (value) => JSON.parse(value) as number[],
});

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** postgres.js hands back Buffers and PGlite Uint8Arrays; both are Uint8Arrays. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** Created by migration 0001; every document belongs to a vault, and this one always exists. */
export const DEFAULT_VAULT_ID = '00000000-0000-4000-8000-000000000001';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
};

const updatedAt = timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/**
 * People who sign in: better-auth's `user` model (property names are its field names). `role` is `admin` or
 * `member`; a banned user is disabled: signed out everywhere, refused at sign-in, their API keys refused.
 */
export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey().default(sql`gen_random_uuid()::text`),
    name: text('name').notNull(),
    email: text('email').notNull(),
    emailVerified: boolean('email_verified').notNull().default(false),
    image: text('image'),
    role: text('role').notNull().default('member'),
    banned: boolean('banned').notNull().default(false),
    banReason: text('ban_reason'),
    banExpires: timestamp('ban_expires', { withTimezone: true }),
    ...timestamps,
    updatedAt,
  },
  (t) => [uniqueIndex('idx_users_email').on(sql`lower(${t.email})`)],
);

/** Signed-in browsers: one row per sign-in, deleted when it signs out (or its user is disabled). */
export const authSessions = pgTable(
  'auth_sessions',
  {
    id: text('id').primaryKey().default(sql`gen_random_uuid()::text`),
    token: text('token').notNull().unique(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    impersonatedBy: text('impersonated_by'),
    ...timestamps,
    updatedAt,
  },
  (t) => [index('idx_auth_sessions_user').on(t.userId)],
);

/** How a user signs in: a password (`credential`) or an OpenID Connect provider. */
export const authAccounts = pgTable(
  'auth_accounts',
  {
    id: text('id').primaryKey().default(sql`gen_random_uuid()::text`),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
    refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true }),
    scope: text('scope'),
    password: text('password'),
    ...timestamps,
    updatedAt,
  },
  (t) => [index('idx_auth_accounts_user').on(t.userId)],
);

/** Short-lived values of the sign-in flows (OpenID Connect state, password resets). */
export const authVerifications = pgTable(
  'auth_verifications',
  {
    id: text('id').primaryKey().default(sql`gen_random_uuid()::text`),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ...timestamps,
    updatedAt,
  },
  (t) => [index('idx_auth_verifications_identifier').on(t.identifier)],
);

/**
 * Keys for the REST API, acting as their user within their scopes. Only a hash is stored: the key is shown
 * once, when created; `start` is enough of it to tell keys apart in a list.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    start: text('start').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    /** Any of `read`, `chat`, `ingest`. */
    scopes: text('scopes').array().notNull(),
    ...timestamps,
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('idx_api_keys_user').on(t.userId)],
);

export const sessions = pgTable(
  'sessions',
  {
    // Text: rows from before accounts kept the client's id as theirs; new rows get a random one.
    id: text('id')
      .primaryKey()
      .default(sql`gen_random_uuid()::text`),
    /** The id the client chose (clients of the original service send ids such as "test"): unique per user. */
    clientId: text('client_id').notNull(),
    /** Null only for conversations from before accounts, until the owner's account claims them. */
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    title: text('title'),
    vaultId: uuid('vault_id').references(() => vaults.id, { onDelete: 'set null' }),
    agentId: uuid('agent_id').references(() => agents.id, { onDelete: 'set null' }),
    /**
     * The last message of the branch shown and sent to the model as history: messages form a tree (edits and
     * regenerations are siblings), and this leaf's ancestors are the active path.
     */
    activeMessageId: uuid('active_message_id').references((): AnyPgColumn => messages.id, { onDelete: 'set null' }),
    ...timestamps,
    lastActiveAt: timestamp('last_active_at', { withTimezone: true }).notNull().defaultNow(),
    // Conversation search over titles: stored, so a search of someone's history reads it instead of parsing each
    // title again (no index: the user's own rows are found first; bench/NOTES.md §14).
    searchText: tsvector('search_text')
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('english', coalesce(title, ''))`),
  },
  (t) => [
    index('idx_sessions_last_active').on(t.lastActiveAt),
    uniqueIndex('idx_sessions_user_client').on(t.userId, t.clientId),
    // The sidebar's pages: newest activity first, the row id breaking ties so a cursor never skips or repeats.
    index('idx_sessions_user_active').on(t.userId, t.lastActiveAt.desc(), t.id.desc()),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    /** The message this one follows: null for a conversation's first question. Siblings are edits or versions. */
    parentId: uuid('parent_id').references((): AnyPgColumn => messages.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    content: text('content').notNull(),
    /** complete | streaming | failed | stopped: a stream that dies leaves a marked row, never a lost one. */
    status: text('status').notNull().default('complete'),
    error: text('error'),
    sources: jsonb('sources').$type<unknown[]>(),
    model: text('model'),
    /** Answered from the response cache. */
    cached: boolean('cached').notNull().default(false),
    promptTokens: integer('prompt_tokens'),
    completionTokens: integer('completion_tokens'),
    latencyMs: integer('latency_ms'),
    ...timestamps,
    // Conversation search over what was said. Stored, not an expression index: the index's recheck and the
    // snippet's filter then read it instead of parsing the message again, which on PGlite cost ~0.2 ms a message.
    searchText: tsvector('search_text')
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('english', content)`),
  },
  (t) => [
    index('idx_messages_session_created').on(t.sessionId, t.createdAt.desc()),
    index('idx_messages_role').on(t.role),
    index('idx_messages_search').using('gin', t.searchText),
    index('idx_messages_parent').on(t.parentId),
    check('messages_role_check', sql`${t.role} IN ('user', 'assistant', 'system')`),
    check('messages_status_check', sql`${t.status} IN ('complete', 'streaming', 'failed', 'stopped')`),
  ],
);

/** One person's thumbs up or down on an answer, with an optional comment: one vote per person per message. */
export const messageFeedback = pgTable(
  'message_feedback',
  {
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** 1 for thumbs up, -1 for thumbs down. */
    rating: integer('rating').notNull(),
    comment: text('comment'),
    ...timestamps,
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.messageId, t.userId] }),
    index('idx_message_feedback_updated').on(t.updatedAt.desc()),
    check('message_feedback_rating_check', sql`${t.rating} IN (-1, 1)`),
  ],
);

/**
 * A library of documents. Who may read and write it: its owner always; for `shared`, the users listed in
 * vault_members with their access; for `everyone`, every user of the install with `everyone_access`.
 * Documents, chunks and agents follow their vault.
 */
export const vaults = pgTable(
  'vaults',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description'),
    /** Null only for vaults from before accounts, until the owner's account claims them. */
    ownerId: text('owner_id').references(() => users.id, { onDelete: 'set null' }),
    visibility: text('visibility').notNull().default('private'),
    everyoneAccess: text('everyone_access').notNull().default('read'),
    /** How this vault's documents are chunked (tokens); null: the configured CHUNK_SIZE / CHUNK_OVERLAP. */
    chunkSize: integer('chunk_size'),
    chunkOverlap: integer('chunk_overlap'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('idx_vaults_owner_name').on(t.ownerId, sql`lower(${t.name})`),
    check('vaults_visibility_check', sql`${t.visibility} IN ('private', 'shared', 'everyone')`),
    check('vaults_everyone_access_check', sql`${t.everyoneAccess} IN ('read', 'write')`),
  ],
);

/** The users a `shared` vault is shared with, and whether each may only read it or also add and delete. */
export const vaultMembers = pgTable(
  'vault_members',
  {
    vaultId: uuid('vault_id')
      .notNull()
      .references(() => vaults.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    access: text('access').notNull().default('read'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.vaultId, t.userId] }),
    index('idx_vault_members_user').on(t.userId),
    check('vault_members_access_check', sql`${t.access} IN ('read', 'write')`),
  ],
);

/** Named assistants with their own system prompt, optionally bound to a vault (the original's agents). */
export const agents = pgTable(
  'agents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description'),
    systemPrompt: text('system_prompt').notNull(),
    vaultId: uuid('vault_id').references(() => vaults.id, { onDelete: 'set null' }),
    /** Null only for agents from before accounts, until the owner's account claims them. */
    ownerId: text('owner_id').references(() => users.id, { onDelete: 'cascade' }),
    ...timestamps,
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('idx_agents_owner_name').on(t.ownerId, sql`lower(${t.name})`)],
);

/**
 * One row: bumped in the same transaction as every change to searchable content, so cached answers keyed by
 * it can never outlive the documents they were built from.
 */
export const corpusVersion = pgTable('corpus_version', {
  id: integer('id').primaryKey().default(1),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});

export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    vaultId: uuid('vault_id')
      .notNull()
      .default(DEFAULT_VAULT_ID)
      .references(() => vaults.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    source: text('source'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    /** sha256 of the most recently submitted content: identical content in a vault is stored once. */
    contentHash: text('content_hash').notNull(),
    mimeType: text('mime_type'),
    sizeBytes: integer('size_bytes'),
    /** queued | processing | ready | failed */
    status: text('status').notNull().default('queued'),
    /** 0-100 while processing. */
    progress: integer('progress').notNull().default(0),
    chunkCount: integer('chunk_count').notNull().default(0),
    /** Pages (1-based; an image is page 1) whose text was recognised from a picture of them (OCR); empty when none. */
    ocrPages: integer('ocr_pages').array().notNull().default(sql`'{}'::integer[]`),
    /** The last page a chunk came from (PDFs); null for formats without pages. */
    pageCount: integer('page_count'),
    /** Set by people (normalised: trimmed, lower-case, short); retrieval can be limited to documents with any of them. */
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    error: text('error'),
    ...timestamps,
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('idx_documents_created').on(t.createdAt.desc()),
    // The library's other sorts, read in order so a page stops after its rows (bench/NOTES.md §14).
    index('idx_documents_title').on(sql`lower(${t.title})`, t.id),
    index('idx_documents_size').on(t.sizeBytes.desc().nullsLast(), t.id),
    uniqueIndex('idx_documents_vault_content_hash').on(t.vaultId, t.contentHash),
    index('idx_documents_tags').using('gin', t.tags),
    // One document per source in a vault: ingesting the same source again replaces it.
    uniqueIndex('idx_documents_vault_source').on(t.vaultId, t.source).where(sql`${t.source} IS NOT NULL`),
    check('documents_status_check', sql`${t.status} IN ('queued', 'processing', 'ready', 'failed')`),
  ],
);

export const chunks = pgTable(
  'chunks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    // Copied from the document so vault-scoped retrieval filters chunks without a join.
    vaultId: uuid('vault_id')
      .notNull()
      .references(() => vaults.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    content: text('content').notNull(),
    tokenCount: integer('token_count').notNull(),
    embedding: vector('embedding').notNull(),
    embeddingModel: text('embedding_model').notNull(),
    /** The PDF pages the chunk starts and ends on (1-based); null for other formats and for chunks from before pages were kept. */
    pageStart: integer('page_start'),
    pageEnd: integer('page_end'),
    /** Where the chunk lies in the document's extracted text (UTF-16 offsets, end exclusive); null before offsets were kept. */
    charStart: integer('char_start'),
    charEnd: integer('char_end'),
    /** Left out of every search (vector, BM25, identifiers) while true; still shown, struck through, in the viewer. */
    excluded: boolean('excluded').notNull().default(false),
    /** When a person last changed the text; null for text as ingestion made it. */
    editedAt: timestamp('edited_at', { withTimezone: true }),
    // Generated, so full-text search can never drift from the chunk text.
    searchText: tsvector('search_text')
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('english', content)`),
  },
  (t) => [
    uniqueIndex('idx_chunks_document_ordinal').on(t.documentId, t.ordinal),
    index('idx_chunks_vault').on(t.vaultId),
    index('idx_chunks_search_text').using('gin', t.searchText),
  ],
);

/**
 * BM25's corpus statistics for full-text ranking (db/queries/text-ranking.ts): how many chunks hold each stemmed
 * word (the `english` lexemes of chunks.search_text). Statement triggers on chunks (migration 0004) keep it in
 * the transaction of every insert and delete, COPY and cascades included, so it never drifts from the chunks.
 */
export const searchTerms = pgTable('search_terms', {
  term: text('term').primaryKey(),
  chunks: integer('chunks').notNull(),
});

/** One row, kept with search_terms: the chunk count and their total length, for BM25's average chunk length. */
export const searchCorpus = pgTable('search_corpus', {
  id: integer('id').primaryKey().default(1),
  chunks: bigint('chunks', { mode: 'number' }).notNull().default(0),
  /** Sum of chunks.token_count. */
  tokens: bigint('tokens', { mode: 'number' }).notNull().default(0),
});

export const embeddingCache = pgTable(
  'embedding_cache',
  {
    model: text('model').notNull(),
    /** sha256 of the text: the cache is keyed by text, not by document, so it survives deletes. */
    textHash: text('text_hash').notNull(),
    embedding: vector('embedding').notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.model, t.textHash] })],
);

/**
 * Durable ingestion work: one row per submitted version of a document, holding the original bytes so a
 * worker that dies mid-way leaves a job another worker resumes once the lease runs out.
 */
/**
 * Fetching web pages (server/web/): one row per request to fetch a URL, and the pages it links to when
 * `max_depth` > 0, or to fetch one web document again (`document_id`). The fetch worker claims rows like ingestion
 * jobs (SKIP LOCKED under a lease) and turns each page into an ordinary document submission whose `source` is
 * the page's URL, so an ingestion job then reads it; the counts are the crawl's progress.
 */
export const webFetches = pgTable(
  'web_fetches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    vaultId: uuid('vault_id')
      .notNull()
      .references(() => vaults.id, { onDelete: 'cascade' }),
    /** Whose write access the pages are stored under; null once that account is deleted (the fetch then fails). */
    requestedBy: text('requested_by').references(() => users.id, { onDelete: 'set null' }),
    url: text('url').notNull(),
    /** Set when fetching an existing web document again. */
    documentId: uuid('document_id').references(() => documents.id, { onDelete: 'cascade' }),
    maxDepth: integer('max_depth').notNull().default(0),
    maxPages: integer('max_pages').notNull().default(1),
    /** queued | running | done | failed */
    status: text('status').notNull().default('queued'),
    pagesFound: integer('pages_found').notNull().default(0),
    pagesFetched: integer('pages_fetched').notNull().default(0),
    pagesFailed: integer('pages_failed').notNull().default(0),
    /** The pages that could not be fetched, each with its reason: a failed page does not fail its siblings. */
    failures: jsonb('failures').$type<Array<{ url: string; reason: string }>>().notNull().default([]),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    ...timestamps,
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('idx_web_fetches_claim').on(t.createdAt).where(sql`${t.status} IN ('queued', 'running')`),
    index('idx_web_fetches_document').on(t.documentId),
    check('web_fetches_status_check', sql`${t.status} IN ('queued', 'running', 'done', 'failed')`),
  ],
);

/** A document that came from the web: when it was last fetched and checked, and how often to fetch it again. */
export const webPages = pgTable('web_pages', {
  documentId: uuid('document_id')
    .primaryKey()
    .references(() => documents.id, { onDelete: 'cascade' }),
  /** The page as fetched last, after redirects (the document's source stays the address that was asked for). */
  finalUrl: text('final_url').notNull(),
  /** When the content last changed (a new version was stored). */
  fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull().defaultNow(),
  /** When it was last fetched, changed or not. */
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
  /** Hours between scheduled fetches for this page; null: URL_REFRESH_HOURS; 0: only on demand. */
  refreshHours: real('refresh_hours'),
  /** Whose write access scheduled fetches use; the vault's owner when null. */
  addedBy: text('added_by').references(() => users.id, { onDelete: 'set null' }),
  /** Why the last fetch failed; null after a success. */
  lastError: text('last_error'),
});

export const ingestJobs = pgTable(
  'ingest_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    /** queued | running | done | failed */
    status: text('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    runAfter: timestamp('run_after', { withTimezone: true }).notNull().defaultNow(),
    filename: text('filename'),
    mimeType: text('mime_type'),
    title: text('title'),
    contentHash: text('content_hash').notNull(),
    content: bytea('content').notNull(),
    error: text('error'),
    ...timestamps,
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('idx_ingest_jobs_claim').on(t.runAfter).where(sql`${t.status} IN ('queued', 'running')`),
    index('idx_ingest_jobs_document').on(t.documentId, t.createdAt.desc()),
    check('ingest_jobs_status_check', sql`${t.status} IN ('queued', 'running', 'done', 'failed')`),
  ],
);

/** One row per maintenance task run (VACUUM ANALYZE, retention, ...): the admin page shows the last of each. */
export const maintenanceRuns = pgTable(
  'maintenance_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    task: text('task').notNull(),
    /** running | succeeded | failed | skipped */
    status: text('status').notNull(),
    detail: text('detail').notNull().default(''),
    instance: text('instance').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('idx_maintenance_runs_task_started').on(t.task, t.startedAt.desc())],
);

/** Secrets the app generates for itself, such as the admin token when ADMIN_TOKEN is not set. */
export const appSecrets = pgTable('app_secrets', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  ...timestamps,
});

/**
 * Which embedding model's vectors the searches and new chunks use (one row). Switching models re-embeds every chunk
 * into chunk_embeddings first (server/embedding/reembed.ts) and changes this row in the transaction that moves
 * the new vectors into chunks, so searches see the old vectors or the new ones, never a mix. No row: the
 * configured model.
 */
export const embeddingState = pgTable('embedding_state', {
  id: integer('id').primaryKey().default(1),
  activeModel: text('active_model').notNull(),
  updatedAt,
});

/** A re-embed of every chunk with `model`; at most one runs at a time, under a lease like ingestion jobs. */
export const reembedJobs = pgTable(
  'reembed_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    model: text('model').notNull(),
    /** The model the searches used when the job started. */
    fromModel: text('from_model').notNull(),
    /** running | done | failed | cancelled */
    status: text('status').notNull().default('running'),
    /** Chunks with a vector of `model` so far, and chunks in all: the progress the documents page shows. */
    done: integer('done').notNull().default(0),
    total: integer('total').notNull().default(0),
    error: text('error'),
    /** Who asked: a person's id, or `config` when EMBEDDING_MODEL changed. */
    requestedBy: text('requested_by').notNull(),
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    ...timestamps,
    updatedAt,
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('idx_reembed_jobs_one_running').on(t.status).where(sql`${t.status} = 'running'`),
    index('idx_reembed_jobs_created').on(t.createdAt.desc()),
    check('reembed_jobs_status_check', sql`${t.status} IN ('running', 'done', 'failed', 'cancelled')`),
  ],
);

/**
 * The next model's vectors of existing chunks while a re-embed runs: beside the chunks rather than as more chunk
 * rows, which would count twice in BM25's statistics (search_terms, search_corpus).
 */
export const chunkEmbeddings = pgTable(
  'chunk_embeddings',
  {
    chunkId: uuid('chunk_id')
      .notNull()
      .references(() => chunks.id, { onDelete: 'cascade' }),
    model: text('model').notNull(),
    embedding: vector('embedding').notNull(),
  },
  (t) => [primaryKey({ columns: [t.model, t.chunkId] })],
);

/**
 * The admin charts' samples of every instance for the last hour (server/metrics/history.ts), so any instance's
 * admin page draws the whole fleet. One row per instance per sampling slot; `sample` is a WindowSample (sums that
 * add up across instances); rows older than an hour are deleted by the instances that write.
 */
export const metricSamples = pgTable(
  'metric_samples',
  {
    instanceId: text('instance_id').notNull(),
    /** The end of the sampling slot the sample belongs to (its time rounded down to METRICS_SAMPLE_SECONDS). */
    slotAt: timestamp('slot_at', { withTimezone: true }).notNull(),
    sample: jsonb('sample').notNull(),
  },
  (t) => [primaryKey({ columns: [t.slotAt, t.instanceId] })],
);
