import { sql } from 'drizzle-orm';
import type { Database } from '../client';

export interface StoredSample {
  instanceId: string;
  slotAt: Date;
  sample: unknown;
}

/**
 * Stores an instance's sample for a slot (a second sampler in the same instance, a node:cluster worker, writes
 * the same slot: the first wins) and deletes the rows past `keepSeconds` in the same round trip.
 */
export async function storeMetricSample(db: Database, row: StoredSample, keepSeconds: number): Promise<void> {
  await db.rows(sql`
    WITH expired AS (DELETE FROM metric_samples WHERE slot_at < now() - make_interval(secs => ${keepSeconds}))
    INSERT INTO metric_samples (instance_id, slot_at, sample)
    VALUES (${row.instanceId}, ${row.slotAt.toISOString()}, ${JSON.stringify(row.sample)}::jsonb)
    ON CONFLICT DO NOTHING`);
}

/** Every instance's samples of slots after `after`, oldest first. */
export async function metricSamplesAfter(db: Database, after: Date): Promise<StoredSample[]> {
  const rows = await db.rows<{ instance_id: string; slot_at: Date | string; sample: unknown }>(sql`
    SELECT instance_id, slot_at, sample FROM metric_samples WHERE slot_at > ${after.toISOString()} ORDER BY slot_at, instance_id`);
  return rows.map((row) => ({
    instanceId: row.instance_id,
    slotAt: new Date(row.slot_at),
    sample: typeof row.sample === 'string' ? (JSON.parse(row.sample) as unknown) : row.sample,
  }));
}
