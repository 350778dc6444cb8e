import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { migrateDatabase } from '@/db/migrate';
import { storeMetricSample } from '@/db/queries/metric-samples';
import { parseConfig } from '@/server/config';
import { createProviders } from '@/server/providers/registry';
import { vectorIndexSpec } from '@/server/services';
import { fleetMetricsHistory } from '@/server/metrics/history';
import { MetricsWindow, type WindowSample } from '@/server/metrics/metrics-window';
import { DRIVERS, openTestDatabase, type TestDatabase } from '@/test/support/databases';
import { registryAfter } from '@/test/support/metrics-registry';

const SECOND = 1000;
const KEEP_SECONDS = 3720;

/** One instance's sample after `requests` of `seconds` each to /documents, taken 10 s after an empty one. */
function sampleOf(requests: number, seconds: number, at: number): WindowSample {
  const window = new MetricsWindow();
  window.record(at - 10 * SECOND, new Map());
  return window.record(at, registryAfter(Array.from({ length: requests }, () => ({ route: '/documents', seconds }))))!;
}

describe.each(DRIVERS)('the admin charts shared by every instance on %s', (driver) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await openTestDatabase(driver);
    const config = parseConfig({});
    await migrateDatabase(t.db, vectorIndexSpec(config, createProviders(config)));
  });
  afterEach(() => t.cleanup());

  it('merges the instances’ samples of a slot: rates add up, percentiles come from both instances’ requests', async () => {
    const slot = Math.floor(Date.now() / (10 * SECOND)) * 10 * SECOND - 10 * SECOND;
    // One instance answered 10 fast requests, the other 10 slow ones, in the same slot.
    await storeMetricSample(t.db, { instanceId: 'web1', slotAt: new Date(slot), sample: sampleOf(10, 0.004, slot + 2 * SECOND) }, KEEP_SECONDS);
    await storeMetricSample(t.db, { instanceId: 'web2', slotAt: new Date(slot), sample: sampleOf(10, 2, slot + 7 * SECOND) }, KEEP_SECONDS);
    const [point] = await fleetMetricsHistory(t.db, 10);
    expect(point).toMatchObject({ at: slot, requestsPerSecond: 2, windowSeconds: 10 });
    // Merged buckets: half the requests took 4 ms, half 2 s; averaging each instance's p95 would give ~1 s.
    expect(point!.latencyMs.p50).toBeLessThanOrEqual(5);
    expect(point!.latencyMs.p95).toBeGreaterThan(1000);
  });

  it('reads samples that land after an earlier read, and keeps the first sample of a slot per instance', async () => {
    const slot = Math.floor(Date.now() / SECOND) * SECOND - 5 * SECOND;
    await storeMetricSample(t.db, { instanceId: 'web1', slotAt: new Date(slot), sample: sampleOf(10, 0.004, slot) }, KEEP_SECONDS);
    expect((await fleetMetricsHistory(t.db, 1)).map((p) => p.requestsPerSecond)).toEqual([1]);
    // A second worker of web1 writing the same slot changes nothing; web2's late sample of the slot is added.
    await storeMetricSample(t.db, { instanceId: 'web1', slotAt: new Date(slot), sample: sampleOf(50, 0.004, slot) }, KEEP_SECONDS);
    await storeMetricSample(t.db, { instanceId: 'web2', slotAt: new Date(slot), sample: sampleOf(20, 0.004, slot) }, KEEP_SECONDS);
    await storeMetricSample(t.db, { instanceId: 'web2', slotAt: new Date(slot + SECOND), sample: sampleOf(30, 0.004, slot + SECOND) }, KEEP_SECONDS);
    expect((await fleetMetricsHistory(t.db, 1)).map((p) => p.requestsPerSecond)).toEqual([3, 3]);
  });

  it('deletes samples older than the history as new ones are written', async () => {
    const now = Date.now();
    await storeMetricSample(t.db, { instanceId: 'web1', slotAt: new Date(now - 2 * 3600 * SECOND), sample: sampleOf(1, 0.004, now) }, KEEP_SECONDS);
    await storeMetricSample(t.db, { instanceId: 'web1', slotAt: new Date(now), sample: sampleOf(1, 0.004, now) }, KEEP_SECONDS);
    const [row] = await t.db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM metric_samples`);
    expect(row!.n).toBe(1);
  });
});
