import { sql } from 'drizzle-orm';
import type { Config } from '@/server/config';
import type { Database, Orm } from '../client';
import { embeddingExpression, modelLiteral, vectorType, type VectorIndexSpec } from '../vector-index';

export interface ChunkMatch {
  id: string;
  documentId: string;
  ordinal: number;
  content: string;
  /** Cosine similarity, 1 = identical direction. */
  score: number;
}

/**
 * Runs `work` in a transaction whose vector-search settings (`hnsw.ef_search` or `ivfflat.probes`) are set
 * with SET LOCAL semantics: they apply to this query only and never leak to other users of a pooled connection.
 */
export function withVectorSearchSettings<T>(
  db: Database,
  index: Config['vectorIndex'],
  work: (orm: Orm) => Promise<T>,
): Promise<T> {
  const [name, value] = index.type === 'hnsw' ? ['hnsw.ef_search', index.efSearch] : ['ivfflat.probes', index.probes];
  return db.orm.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config(${name}, ${String(value)}, true)`);
    return work(tx as unknown as Orm);
  });
}

/** The k chunks nearest to `embedding` among those embedded by the spec's model, using its vector index. */
export function nearestChunks(
  db: Database,
  spec: VectorIndexSpec,
  embedding: number[],
  k: number,
): Promise<ChunkMatch[]> {
  const expression = embeddingExpression(spec.dimensions);
  const query = sql`${`[${embedding.join(',')}]`}::${sql.raw(`${vectorType(spec.dimensions)}(${spec.dimensions})`)}`;
  return withVectorSearchSettings(db, spec.index, async (orm) => {
    const rows = await db.rows<{ id: string; document_id: string; ordinal: number; content: string; distance: number }>(
      sql`SELECT id, document_id, ordinal, content, ${expression} <=> ${query} AS distance
          FROM chunks
          WHERE embedding_model = ${modelLiteral(spec.model)}
          ORDER BY ${expression} <=> ${query}
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
