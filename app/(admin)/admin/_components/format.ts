/** Number and time formatting for the admin dashboard; one place so cards, axes and tooltips agree. */


const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const clockWithSeconds = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'long' });
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

/** 13:05 — the time axis of every chart. */
export function formatClock(at: number | Date): string {
  return clock.format(at);
}

/** 13:05:40 — tooltips and "updated at". */
export function formatClockWithSeconds(at: number | Date): string {
  return clockWithSeconds.format(at);
}

export function formatDateTime(at: Date): string {
  return dateTime.format(at);
}

/** "2 minutes ago", "in 5 seconds" ("now" under five seconds). */
export function formatRelative(at: Date, now: number): string {
  const seconds = Math.round((at.getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 5) return 'just now';
  if (abs < 60) return relative.format(seconds, 'second');
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  return relative.format(Math.round(seconds / 86_400), 'day');
}

export function formatInteger(value: number): string {
  return integer.format(value);
}

/** 1234 -> "1.2K": axis ticks, where room is short. */
export function formatCompact(value: number): string {
  return compact.format(value);
}

/** Requests per second: two decimals while small, fewer once large. */
export function formatRate(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return '—';
  return value >= 100 ? integer.format(value) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** Milliseconds: "840 ms", "1.2 s". */
export function formatMs(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return '—';
  if (value >= 10_000) return `${(value / 1000).toFixed(0)} s`;
  if (value >= 1000) return `${(value / 1000).toFixed(1)} s`;
  if (value === 0) return '0 ms';
  return `${value >= 10 ? Math.round(value) : value.toFixed(1)} ms`;
}

const axisNumber = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 2 });

/** Axis ticks are already round numbers: print them short ("0", "2.5", "1.2K"). */
export function formatAxis(value: number): string {
  return axisNumber.format(value);
}

const axisSignificant = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 3 });

/** Dollar axis ticks: small amounts keep their digits ("$0.0025"). */
export function formatAxisUsd(value: number): string {
  return `$${value >= 1000 ? axisNumber.format(value) : axisSignificant.format(value)}`;
}

/** Millisecond axis ticks: "250 ms", "1.5 s". */
export function formatAxisMs(value: number): string {
  return value >= 1000 ? `${axisNumber.format(value / 1000)} s` : `${axisNumber.format(value)} ms`;
}

/** A percentage already scaled to 0-100. */
export function formatPercent(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return '—';
  if (value === 0 || value === 100) return `${value}%`;
  return `${value >= 10 ? value.toFixed(1) : value.toFixed(2)}%`;
}

/** US dollars; fractions of a cent stay visible because per-window costs are tiny. */
export function formatUsd(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return '—';
  if (value === 0) return '$0.00';
  if (Math.abs(value) < 0.01) return `$${value.toFixed(4)}`;
  if (Math.abs(value) < 1) return `$${value.toFixed(3)}`;
  return `$${value.toFixed(2)}`;
}
