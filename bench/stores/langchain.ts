import { PGVectorStore } from '@langchain/community/vectorstores/pgvector';
import { Document } from '@langchain/core/documents';
import { Embeddings } from '@langchain/core/embeddings';
import type { BenchDocument, IndexSettings, StoreUnderTest } from './types';

/**
 * LangChain.js's PGVectorStore as its docs show it: `PGVectorStore.initialize(embeddings, config)` with the
 * dimensions (so its HNSW index can be used), `addVectors` (what `addDocuments` calls once the embeddings are
 * computed; the benchmark supplies them precomputed, identical for every store), `createHnswIndex`, and
 * `similaritySearchVectorWithScore` for queries.
 */

const TABLE = 'langchain_chunks';
const DIMENSIONS = 1536;

/** The vectors are given to addVectors / similaritySearchVectorWithScore directly: nothing may embed. */
class PrecomputedEmbeddings extends Embeddings {
  embedDocuments(): Promise<number[][]> {
    throw new Error('the benchmark passes precomputed vectors');
  }
  embedQuery(): Promise<number[]> {
    throw new Error('the benchmark passes precomputed vectors');
  }
}

export function langchainStore(url: string): StoreUnderTest {
  let store: PGVectorStore | undefined;
  const open = () => {
    if (!store) throw new Error('setup() first');
    return store;
  };
  return {
    name: 'LangChain.js PGVectorStore',
    usage: '@langchain/community PGVectorStore.initialize + addVectors (chunkSize 500) + createHnswIndex + similaritySearchVectorWithScore',
    table: TABLE,
    async setup() {
      store = await PGVectorStore.initialize(new PrecomputedEmbeddings({}), {
        postgresConnectionOptions: { connectionString: url },
        tableName: TABLE,
        dimensions: DIMENSIONS,
        distanceStrategy: 'cosine',
      });
    },
    async ingest(documents: BenchDocument[]) {
      const chunks = documents.flatMap((d) => d.chunks);
      await open().addVectors(
        chunks.map((c) => c.embedding),
        chunks.map((c) => new Document({ pageContent: c.content, metadata: { documentId: c.documentId, title: c.documentTitle, ordinal: c.ordinal } })),
        { ids: chunks.map((c) => c.id) },
      );
    },
    async buildIndex(settings: IndexSettings) {
      // createHnswIndex logs and swallows its own errors: the caller checks the index exists.
      await open().createHnswIndex({ dimensions: DIMENSIONS, m: settings.m, efConstruction: settings.efConstruction });
      return 'embedding_embedding_hnsw_idx';
    },
    async query(embedding: number[], k: number) {
      const results = await open().similaritySearchVectorWithScore(embedding, k);
      return results.map(([doc]) => String(doc.id));
    },
    explainSql(embedding: number[], k: number) {
      return {
        text: `SELECT *, "embedding" <=> $1 as "_distance" FROM ${TABLE} ORDER BY "_distance" ASC LIMIT $2`,
        params: [`[${embedding.join(',')}]`, k],
      };
    },
    async close() {
      await store?.end();
    },
  };
}
