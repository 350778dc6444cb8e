import { describe, expect, it } from 'vitest';
import { choiceLabel, intervalText, refreshChoices } from '@/app/(library)/documents/[id]/_components/refresh-interval-text';

describe('a web page’s refresh interval in words', () => {
  it('offers the server default, hourly, daily, weekly and never, naming what the default is', () => {
    expect(refreshChoices(24).map((hours) => choiceLabel(hours, 0))).toEqual(['Server default (never)', 'Every hour', 'Every day', 'Every week', 'Never']);
    expect(choiceLabel(null, 48)).toBe('Server default (every 2 days)');
  });

  it('adds an interval set through the REST API to the choices, so the choice shows it', () => {
    expect(refreshChoices(12).map((hours) => choiceLabel(hours, 24))).toEqual(['Server default (every day)', 'Every hour', 'Every day', 'Every week', 'Never', 'Every 12 hours']);
    expect(refreshChoices(null)).toHaveLength(5);
  });

  it('tells a reader the interval, and when it is the server’s', () => {
    expect(intervalText(168, 1)).toBe('every week');
    expect(intervalText(0, 1)).toBe('never');
    expect(intervalText(null, 1)).toBe('every hour (server default)');
  });
});
