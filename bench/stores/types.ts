/**
 * What the head-to-head benchmark needs from each vector store under test: Docent, LlamaIndex.TS's
 * PGVectorStore and LangChain.js's PGVectorStore, all on the same PostgreSQL database, fed the same chunks.
 */

interface BenchChunk {
  /** A UUID, used as the row id wherever the store lets the caller choose it. */
  id: string;
  documentId: string;
  documentTitle: string;
  ordinal: number;
  content: string;
  embedding: number[];
}

/** One source document's chunks (Docent ingests document by document, as its worker does). */
export interface BenchDocument {
  id: string;
  title: string;
  chunks: BenchChunk[];
}

export interface IndexSettings {
  m: number;
  efConstruction: number;
  efSearch: number;
}

export interface StoreUnderTest {
  name: string;
  /** How the store is used, for the report ("as its docs recommend"). */
  usage: string;
  /** Creates the store's tables, without a vector index (built after the load, as each one's docs do). */
  setup(): Promise<void>;
  /** Stores these documents' chunks with their precomputed embeddings (`workers` at once where the store has workers). */
  ingest(documents: BenchDocument[], workers?: number): Promise<void>;
  /** Builds the HNSW index; returns its name (for its size). */
  buildIndex(settings: IndexSettings): Promise<string>;
  /** The ids (BenchChunk.id) of the k nearest chunks. */
  query(embedding: number[], k: number): Promise<string[]>;
  /** The SQL the store sends for a query, for EXPLAIN (is the HNSW index used?). */
  explainSql(embedding: number[], k: number): { text: string; params: unknown[] };
  /** The store's table, for its size. */
  table: string;
  close(): Promise<void>;
}
