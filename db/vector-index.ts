import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Database, Orm } from './client';

/**
 * Vector indexes depend on run-time settings (embedding model, its dimensions, VECTOR_INDEX and its
 * parameters), so they are reconciled at start-up right after the migrations, not written into a static
 * migration. Each embedding model gets a partial expression index over its own rows:
 *   CREATE INDEX ... USING hnsw ((embedding::vector(1536)) vector_cosine_ops) WHERE embedding_model = '...'
 * so vectors of several models (and sizes) live side by side and switching EMBEDDING_MODEL never drops data.
 * The column keeps every vector at full precision; the index holds them as `halfvec` (VECTOR_INDEX_PRECISION=half,
 * the default: half the size, same recall, bench/NOTES.md §12) or as `vector`. pgvector indexes at most 2,000
 * dimensions of `vector`, so larger models (text-embedding-3-large, 3072) are always indexed as `halfvec`.
 */

/** The index method and its parameters (VECTOR_INDEX, HNSW_*, IVFFLAT_*, VECTOR_INDEX_PRECISION). */
export type VectorIndexOptions = (
  | { type: 'hnsw'; m: number; efConstruction: number; efSearch: number }
  | { type: 'ivfflat'; lists: number; probes: number }
) & {
  /** The index's element type: halfvec (half) or vector (full); above 2,000 dimensions always halfvec. */
  precision: 'half' | 'full';
};

export interface VectorIndexSpec {
  model: string;
  dimensions: number;
  index: VectorIndexOptions;
}

const MAX_VECTOR_INDEX_DIMENSIONS = 2000;

export function vectorType(spec: VectorIndexSpec): 'vector' | 'halfvec' {
  return spec.index.precision === 'half' || spec.dimensions > MAX_VECTOR_INDEX_DIMENSIONS ? 'halfvec' : 'vector';
}

export function embeddingExpressionText(spec: VectorIndexSpec): string {
  return `(embedding::${vectorType(spec)}(${Math.trunc(spec.dimensions)}))`;
}

/** The indexed expression; queries must use exactly this for the planner to pick the index. */
export function embeddingExpression(spec: VectorIndexSpec): SQL {
  return sql.raw(embeddingExpressionText(spec));
}

/** The model as an SQL literal: a bound parameter would stop the planner from matching the partial index. */
export function modelLiteral(model: string): SQL {
  return sql.raw(modelLiteralText(model));
}

function modelLiteralText(model: string): string {
  return `'${model.replaceAll("'", "''")}'`;
}

function modelKey(model: string): string {
  return createHash('sha256').update(model).digest('hex').slice(0, 10);
}

/** Every model's vector index is named with this prefix. */
export const VECTOR_INDEX_PREFIX = 'idx_chunks_vec_';

function vectorIndexPrefix(model: string): string {
  return `${VECTOR_INDEX_PREFIX}${modelKey(model)}_`;
}

export function vectorIndexName(spec: VectorIndexSpec): string {
  const params =
    spec.index.type === 'hnsw' ? `hnsw_m${spec.index.m}_ef${spec.index.efConstruction}` : `ivf_l${spec.index.lists}`;
  // "_half" only where the precision is a choice: larger models' halfvec indexes keep the names they had before it.
  const half = vectorType(spec) === 'halfvec' && spec.dimensions <= MAX_VECTOR_INDEX_DIMENSIONS ? '_half' : '';
  return `${vectorIndexPrefix(spec.model)}${spec.dimensions}${half}_${params}`;
}

/** The index's CREATE INDEX statement (also used by bench/index-precision.ts to build both precisions side by side). */
export function createIndexStatement(spec: VectorIndexSpec): string {
  const column = `${embeddingExpressionText(spec)} ${vectorType(spec)}_cosine_ops`;
  const method =
    spec.index.type === 'hnsw'
      ? `hnsw (${column}) WITH (m = ${spec.index.m}, ef_construction = ${spec.index.efConstruction})`
      : `ivfflat (${column}) WITH (lists = ${spec.index.lists})`;
  return `CREATE INDEX IF NOT EXISTS "${vectorIndexName(spec)}" ON chunks USING ${method} WHERE embedding_model = ${modelLiteralText(spec.model)}`;
}

/** Creates the index the configuration asks for and drops this model's indexes built with other settings. */
export async function ensureVectorIndex(db: Database, spec: VectorIndexSpec, orm: Orm = db.orm): Promise<void> {
  const wanted = vectorIndexName(spec);
  await orm.transaction(async (tx) => {
    // Building the index over a large table takes minutes: DB_STATEMENT_TIMEOUT is for requests, not for this.
    await tx.execute(sql`SET LOCAL statement_timeout = 0`);
    await tx.execute(sql.raw(createIndexStatement(spec)));
  });
  const existing = await db.rows<{ indexname: string }>(
    sql`SELECT indexname FROM pg_indexes WHERE tablename = 'chunks' AND starts_with(indexname, ${vectorIndexPrefix(spec.model)})`,
    orm,
  );
  for (const { indexname } of existing) {
    if (indexname !== wanted) await orm.execute(sql.raw(`DROP INDEX IF EXISTS "${indexname}"`));
  }
}
