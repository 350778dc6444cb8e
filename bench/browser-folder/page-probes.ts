/**
 * What the bench watches inside the page: the main thread's long tasks (PerformanceObserver 'longtask', tasks
 * over 50 ms) and the longest gap between animation frames (a frame the user waited for: typing, scrolling and
 * clicks wait as long), both from before the app's scripts run; and where the upload panel stands.
 */

/** Installed with `page.addInitScript` before the page loads. */
export function installResponsivenessProbes() {
  const probes = { longTasks: [] as number[], longestFrameGapMs: 0, measuring: false };
  (window as unknown as { __benchProbes: typeof probes }).__benchProbes = probes;
  new PerformanceObserver((list) => {
    if (probes.measuring) for (const entry of list.getEntries()) probes.longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: false });
  let last = performance.now();
  const frame = (now: number) => {
    if (probes.measuring) probes.longestFrameGapMs = Math.max(probes.longestFrameGapMs, now - last);
    last = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

export interface Responsiveness {
  longTasks: number;
  longestTaskMs: number;
  longTaskTotalMs: number;
  longestFrameGapMs: number;
}

/** Starts counting (the page's own loading is not the upload's doing). */
export function startMeasuring() {
  (window as unknown as { __benchProbes: { measuring: boolean } }).__benchProbes.measuring = true;
}

export function readResponsiveness(): Responsiveness {
  const probes = (window as unknown as { __benchProbes: { longTasks: number[]; longestFrameGapMs: number } }).__benchProbes;
  return {
    longTasks: probes.longTasks.length,
    longestTaskMs: Math.round(Math.max(0, ...probes.longTasks)),
    longTaskTotalMs: Math.round(probes.longTasks.reduce((sum, ms) => sum + ms, 0)),
    longestFrameGapMs: Math.round(probes.longestFrameGapMs),
  };
}

export interface PanelCounts {
  total: number;
  /** Files whose upload request has been answered: stored, or left out with a reason. */
  sent: number;
  /** Stored files whose document is ready. */
  ready: number;
  /** Left out, not uploaded, or whose document failed. */
  failed: number;
  /** Rows the panel renders. */
  rows: number;
}

/**
 * The panel's counts: from its summary (`data-testid="upload-summary"`, with data-* counts) where it has one,
 * otherwise by counting its rows (a panel that renders a row per file).
 */
export function readPanel(): PanelCounts {
  const rows = document.querySelectorAll('[data-testid="upload-row"]');
  const summary = document.querySelector<HTMLElement>('[data-testid="upload-summary"]');
  if (summary) {
    const n = (name: string) => Number(summary.dataset[name] ?? 0);
    return { total: n('total'), sent: n('sent'), ready: n('ready'), failed: n('failed'), rows: rows.length };
  }
  let sent = 0;
  let ready = 0;
  let failed = 0;
  for (const row of rows) {
    const state = row.getAttribute('data-state');
    const status = row.getAttribute('data-document-status');
    if (state === 'done' || state === 'error') sent += 1;
    if (state === 'done' && status === 'ready') ready += 1;
    if (state === 'error' || state === 'cancelled' || status === 'failed') failed += 1;
  }
  return { total: rows.length, sent, ready, failed, rows: rows.length };
}
