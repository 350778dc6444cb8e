import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { DRIVERS, openTestDatabase, type TestDatabase } from '@/test/support/databases';
import { migrateDatabase } from '../migrate';
import { DEFAULT_VAULT_ID } from '../schema';
import { submitDocumentVersion, type DocumentVersion } from './document-submission';

const SPEC = { model: 'toy-3d', dimensions: 3, index: { type: 'hnsw' as const, m: 8, efConstruction: 16, efSearch: 40, precision: 'half' as const } };

function version(text: string, source: string | null = null): DocumentVersion {
  const content = Buffer.from(text, 'utf8');
  return {
    vaultId: DEFAULT_VAULT_ID,
    title: 'Test',
    explicitTitle: 'Test',
    source,
    metadata: {},
    contentHash: createHash('sha256').update(content).digest('hex'),
    mimeType: 'text/plain',
    sizeBytes: content.byteLength,
    filename: null,
    content,
  };
}

// Anyone may add to the default vault (it is open to everyone for writing).
const OWNER = 'submitter';

describe.each(DRIVERS)('concurrent submissions on %s', (driver) => {
  let t: TestDatabase;
  afterEach(async () => t?.cleanup());

  it('of the same content store one document and report the others as duplicates, never an error', async () => {
    t = await openTestDatabase(driver);
    await migrateDatabase(t.db, SPEC);
    await t.db.orm.execute(sql`INSERT INTO users (id, name, email) VALUES (${OWNER}, 'Owner', 'owner@docent.test')`);
    // What the seed's Locust file does: many users posting "Test document content" at the same moment.
    const results = await Promise.all(Array.from({ length: 12 }, () => submitDocumentVersion(t.db, OWNER, version('Test document content'))));
    expect(new Set(results.map((r) => r!.documentId)).size).toBe(1);
    expect(results.filter((r) => !r!.deduplicated)).toHaveLength(1);
    const [counts] = await t.db.rows<{ documents: number; jobs: number }>(
      sql`SELECT (SELECT count(*)::int FROM documents WHERE vault_id = ${DEFAULT_VAULT_ID}) AS documents, (SELECT count(*)::int FROM ingest_jobs) AS jobs`,
    );
    expect(counts).toEqual({ documents: 1, jobs: 1 });
  });

  it('of new versions of one source keep one document under one id', async () => {
    t = await openTestDatabase(driver);
    await migrateDatabase(t.db, SPEC);
    await t.db.orm.execute(sql`INSERT INTO users (id, name, email) VALUES (${OWNER}, 'Owner', 'owner@docent.test')`);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => submitDocumentVersion(t.db, OWNER, version(`Version ${i} of the handbook`, 'wiki://handbook'))));
    expect(new Set(results.map((r) => r!.documentId)).size).toBe(1);
    const [row] = await t.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM documents WHERE source = 'wiki://handbook'`);
    expect(row!.n).toBe(1);
  });
});
