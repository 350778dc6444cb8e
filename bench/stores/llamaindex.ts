import { BaseEmbedding } from '@llamaindex/core/embeddings';
import { TextNode } from '@llamaindex/core/schema';
import { VectorStoreQueryMode } from '@llamaindex/core/vector-store';
import { PGVectorStore } from '@llamaindex/postgres';
import pg from 'pg';
import type { BenchDocument, IndexSettings, StoreUnderTest } from './types';

/**
 * LlamaIndex.TS's PGVectorStore (@llamaindex/postgres) as its docs show it: `new PGVectorStore({ clientConfig,
 * dimensions })`, nodes carrying their embeddings added with `add` (what VectorStoreIndex does after embedding;
 * here the embeddings are precomputed, identical for every store) and `query` with a query embedding. The store
 * creates no vector index ("TODO add IVFFlat or HNSW indexing?" in its source), so the HNSW index is the one
 * pgvector's README gives for its table, with the same parameters as the others.
 */

const TABLE = 'llamaindex_chunks';
const DIMENSIONS = 1536;

/** The nodes and queries carry their embeddings: nothing may embed (LlamaIndex insists on a model being set). */
class PrecomputedEmbedding extends BaseEmbedding {
  constructor() {
    super();
  }
  getTextEmbedding(): Promise<number[]> {
    throw new Error('the benchmark passes precomputed vectors');
  }
}

export function llamaindexStore(url: string): StoreUnderTest {
  const store = new PGVectorStore({
    clientConfig: { connectionString: url },
    dimensions: DIMENSIONS,
    tableName: TABLE,
    embeddingModel: new PrecomputedEmbedding(),
  });
  return {
    name: 'LlamaIndex.TS PGVectorStore',
    usage: '@llamaindex/postgres PGVectorStore.add(TextNode[] with embeddings) + query({ queryEmbedding, similarityTopK }); HNSW index per pgvector README',
    table: TABLE,
    async setup() {
      await store.client(); // connects, creates the extension, schema, table and its btree indexes
    },
    async ingest(documents: BenchDocument[]) {
      const nodes = documents.flatMap((d) =>
        d.chunks.map((c) => new TextNode({ id_: c.id, text: c.content, embedding: c.embedding, metadata: { documentId: c.documentId, title: c.documentTitle, ordinal: c.ordinal } })),
      );
      await store.add(nodes);
    },
    async buildIndex(settings: IndexSettings) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(
          `CREATE INDEX llamaindex_chunks_hnsw ON public.${TABLE} USING hnsw (embeddings vector_cosine_ops) WITH (m = ${settings.m}, ef_construction = ${settings.efConstruction})`,
        );
      } finally {
        await client.end();
      }
      return 'llamaindex_chunks_hnsw';
    },
    async query(embedding: number[], k: number) {
      const result = await store.query({ queryEmbedding: embedding, similarityTopK: k, mode: VectorStoreQueryMode.DEFAULT });
      return result.ids;
    },
    explainSql(embedding: number[], k: number) {
      return {
        text: `SELECT v.*, embeddings <=> $1 s FROM public.${TABLE} v WHERE collection = $2 ORDER BY s LIMIT ${k}`,
        params: [`[${embedding.join(',')}]`, store.getCollection()],
      };
    },
    async close() {
      const db = await store.client();
      await db.close();
    },
  };
}
