import { sql } from 'drizzle-orm';
import {
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
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

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
};

export const sessions = pgTable(
  'sessions',
  {
    // Text, not uuid: clients of the original service send ids such as "test".
    id: text('id').primaryKey(),
    userId: text('user_id'),
    title: text('title'),
    ...timestamps,
    lastActiveAt: timestamp('last_active_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('idx_sessions_last_active').on(t.lastActiveAt),
    index('idx_sessions_user').on(t.userId).where(sql`${t.userId} IS NOT NULL`),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    content: text('content').notNull(),
    /** complete | streaming | failed | stopped: a stream that dies leaves a marked row, never a lost one. */
    status: text('status').notNull().default('complete'),
    error: text('error'),
    sources: jsonb('sources').$type<unknown[]>(),
    model: text('model'),
    promptTokens: integer('prompt_tokens'),
    completionTokens: integer('completion_tokens'),
    latencyMs: integer('latency_ms'),
    ...timestamps,
  },
  (t) => [
    index('idx_messages_session_created').on(t.sessionId, t.createdAt.desc()),
    index('idx_messages_role').on(t.role),
    check('messages_role_check', sql`${t.role} IN ('user', 'assistant', 'system')`),
    check('messages_status_check', sql`${t.status} IN ('complete', 'streaming', 'failed', 'stopped')`),
  ],
);

export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    source: text('source'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    contentHash: text('content_hash').notNull(),
    /** queued | processing | ready | failed */
    status: text('status').notNull().default('queued'),
    error: text('error'),
    ...timestamps,
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('idx_documents_created').on(t.createdAt.desc()),
    index('idx_documents_content_hash').on(t.contentHash),
    index('idx_documents_source').on(t.source).where(sql`${t.source} IS NOT NULL`),
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
    ordinal: integer('ordinal').notNull(),
    content: text('content').notNull(),
    tokenCount: integer('token_count').notNull(),
    embedding: vector('embedding').notNull(),
    embeddingModel: text('embedding_model').notNull(),
    // Generated, so full-text search can never drift from the chunk text.
    searchText: tsvector('search_text')
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('english', content)`),
  },
  (t) => [
    uniqueIndex('idx_chunks_document_ordinal').on(t.documentId, t.ordinal),
    index('idx_chunks_search_text').using('gin', t.searchText),
  ],
);

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
