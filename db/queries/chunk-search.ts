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
 * Runs `work` in a transaction whose vector-search settings (`hnsw.ef_search` or `ivfflat.probes`, and any
 * `extra` ones) are set with SET LOCAL semantics: they apply to this query only and never leak to other users of
 * a pooled connection.
 */
export function withVectorSearchSettings<T>(
  db: Database,
  index: Config['vectorIndex'],
  work: (orm: Orm) => Promise<T>,
  extra: Record<string, string> = {},
): Promise<T> {
  const settings: Record<string, string> =
    index.type === 'hnsw' ? { 'hnsw.ef_search': String(index.efSearch) } : { 'ivfflat.probes': String(index.probes) };
  Object.assign(settings, extra);
  return db.orm.transaction(async (tx) => {
    // One statement for all settings: one round trip.
    await tx.execute(sql`SELECT ${sql.join(Object.entries(settings).map(([name, value]) => sql`set_config(${name}, ${value}, true)`), sql`, `)}`);
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
