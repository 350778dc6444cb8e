import { describe, expect, it } from 'vitest';
import { keyOf, MetricsWindow } from '@/server/metrics/metrics-window';
import { registryAfter } from '@/test/support/metrics-registry';

const health = (count: number, seconds = 0.004) => Array.from({ length: count }, () => ({ route: '/health', seconds }));
const SECOND = 1000;

describe('the admin charts’ points', () => {
  it('cover the minute before each sample, so one burst of traffic draws a continuous line for a minute', () => {
    const window = new MetricsWindow();
    const burst = registryAfter(health(6));
    window.record(0, new Map());
    for (let at = 10 * SECOND; at <= 90 * SECOND; at += 10 * SECOND) window.record(at, burst);

    const byTime = new Map(window.points.map((point) => [point.at / SECOND, point]));
    // Every sample from the burst until a minute later has a latency: no dots and gaps.
    for (const at of [10, 20, 30, 40, 50, 60]) expect(byTime.get(at)!.latencyMs.p95, `at ${at} s`).not.toBeNull();
    // A minute after the burst, the window no longer holds it.
    expect(byTime.get(70)!.latencyMs.p95).toBeNull();
    expect(byTime.get(70)!.requestsPerSecond).toBe(0);
    // The rate is over the window the point covers: 6 requests in the first 10 s, in the first 60 s.
    expect(byTime.get(10)!.requestsPerSecond).toBe(0.6);
    expect(byTime.get(60)!).toMatchObject({ requestsPerSecond: 0.1, windowSeconds: 60 });
  });

  it('time chat answers apart from every other route, and leave the admin page’s own polling out', () => {
    const window = new MetricsWindow();
    window.record(0, new Map());
    window.record(
      10 * SECOND,
      registryAfter([
        ...health(20, 0.004),
        { route: '/api/chat', seconds: 2 },
        { route: '/chat', seconds: 2 },
        { route: '/api/trpc/admin.metrics', seconds: 8 },
      ]),
    );
    const [point] = window.points;
    expect(point!.latencyMs.p99).toBeLessThan(10);
    expect(point!.chatLatencyMs.p50).toBeGreaterThan(1000);
    expect(point!.chatLatencyMs.p95).toBeLessThanOrEqual(2500);
    expect(point!.requestsPerSecond).toBe(2.2);
  });

  it('count tokens and cost per sample, and read a restarted counter from zero instead of going negative', () => {
    const tokens = (input: number, cost: number) => ({
      [keyOf('docent_llm_tokens_total', { model: 'm', direction: 'input' })]: input,
      [keyOf('docent_llm_cost_usd_total', { model: 'm' })]: cost,
    });
    const window = new MetricsWindow();
    window.record(0, registryAfter([], tokens(100, 0.01)));
    window.record(10 * SECOND, registryAfter([], tokens(150, 0.02)));
    window.record(20 * SECOND, registryAfter([], tokens(30, 0.005)));
    expect(window.points.map((point) => point.tokens.input)).toEqual([50, 30]);
    expect(window.points[0]!.costUsd).toBeCloseTo(0.01);
    expect(window.points[1]!.costUsd).toBeCloseTo(0.005);
  });

  it('count 5xx answers in the error rate over the same minute', () => {
    const window = new MetricsWindow();
    window.record(0, new Map());
    window.record(10 * SECOND, registryAfter([...health(3), { route: '/documents', seconds: 0.01, status: '500' }]));
    expect(window.points[0]!.errorRate).toBe(0.25);
  });
});
