import { sql, type SQL } from 'drizzle-orm';
import type { Database, Orm, SessionSettings } from '../client';
import { searchableChunks } from './search-filters';
import { embeddingExpression, modelLiteral, vectorType, type VectorIndexOptions, type VectorIndexSpec } from '../vector-index';

export interface ChunkMatch {
  id: string;
  documentId: string;
  ordinal: number;
  content: string;
  /** Cosine similarity, 1 = identical direction. */
  score: number;
}

/**
 * The settings a vector search runs with: the search depth of the index (`hnsw.ef_search` or `ivfflat.probes`),
 * pgvector's iterative scan (≥ 0.8), so a filter that discards candidates (a vault) does not leave a search
 * short of results, and no parallel workers, which only add contention to queries this small. The app starts
 * every connection with them (Database.sessionSettings), so a search needs no statement of its own to set them.
 */
export function vectorSearchSettings(index: VectorIndexOptions): SessionSettings {
  return index.type === 'hnsw'
    ? { 'hnsw.ef_search': String(index.efSearch), 'hnsw.iterative_scan': 'relaxed_order', max_parallel_workers_per_gather: '0' }
    : { 'ivfflat.probes': String(index.probes), 'ivfflat.iterative_scan': 'relaxed_order', max_parallel_workers_per_gather: '0' };
}

/**
 * Runs `work` with the vector-search settings of `index`: directly when every connection already starts with
 * them, otherwise in a transaction that sets them with SET LOCAL semantics, so they apply to this search only
 * and never leak to other users of a pooled connection.
 */
export function withVectorSearchSettings<T>(db: Database, index: VectorIndexOptions, work: (orm: Orm) => Promise<T>): Promise<T> {
  const settings = Object.entries(vectorSearchSettings(index));
  if (settings.every(([name, value]) => db.sessionSettings[name] === value)) return work(db.orm);
  return db.orm.transaction(async (tx) => {
    // One statement for all settings: one round trip.
    await tx.execute(sql`SELECT ${sql.join(settings.map(([name, value]) => sql`set_config(${name}, ${value}, true)`), sql`, `)}`);
    return work(tx as unknown as Orm);
  });
}

/** The question's vector as one bound parameter of the index's type, e.g. `'[0.1,…]'::halfvec(1536)`. */
export function queryVector(spec: VectorIndexSpec, embedding: number[]): SQL {
  return sql`${`[${embedding.join(',')}]`}::${sql.raw(`${vectorType(spec)}(${spec.dimensions})`)}`;
}

/** The k chunks nearest to `embedding` among those embedded by the spec's model and not excluded, using its vector index. */
export function nearestChunks(
  db: Database,
  spec: VectorIndexSpec,
  embedding: number[],
  k: number,
): Promise<ChunkMatch[]> {
  const expression = embeddingExpression(spec);
  return withVectorSearchSettings(db, spec.index, async (orm) => {
    // The vector is sent once (20 KB of text for 1536 dimensions) and referenced where needed.
    const rows = await db.rows<{ id: string; document_id: string; ordinal: number; content: string; distance: number }>(
      sql`WITH question AS (SELECT ${queryVector(spec, embedding)} AS embedding)
          SELECT id, document_id, ordinal, content, ${expression} <=> (SELECT embedding FROM question) AS distance
          FROM chunks
          WHERE embedding_model = ${modelLiteral(spec.model)} ${searchableChunks(undefined)}
          ORDER BY ${expression} <=> (SELECT embedding FROM question)
          LIMIT ${k}`,
      orm,
    );
    return rows.map((r) => ({
      id: r.id,
      documentId: r.document_id,
      ordinal: r.ordinal,
      content: r.content,
      score: 1 - Number(r.distance),
    }));
  });
}
