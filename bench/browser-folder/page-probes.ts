/**
 * What the bench watches inside the page: the main thread's long tasks (PerformanceObserver 'longtask', tasks
 * over 50 ms) and the longest gap between animation frames (a frame the user waited for: typing, scrolling and
 * clicks wait as long), both from before the app's scripts run; the upload requests the page has open at once
 * (counted from XMLHttpRequest.send to its done state, which Playwright's request events only approximate); and where the
 * upload panel stands.
 */

/** Installed with `page.addInitScript` before the page loads. */
export function installResponsivenessProbes() {
  const probes = { longTasks: [] as number[], longestTaskAt: 0, startedAt: 0, longestFrameGapMs: 0, measuring: false, uploadsOpen: 0, mostUploadsOpen: 0 };
  (window as unknown as { __benchProbes: typeof probes }).__benchProbes = probes;
  new PerformanceObserver((list) => {
    if (!probes.measuring) return;
    for (const entry of list.getEntries()) {
      if (entry.duration > Math.max(0, ...probes.longTasks)) probes.longestTaskAt = entry.startTime - probes.startedAt;
      probes.longTasks.push(entry.duration);
    }
  }).observe({ type: 'longtask', buffered: false });
  const uploads = new WeakSet<XMLHttpRequest>();
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
    if (method === 'POST' && /\/api\/documents\/upload$/.test(String(url))) uploads.add(this);
    return (open as (...args: unknown[]) => void).call(this, method, url, ...rest);
  } as typeof XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    if (uploads.has(this)) {
      probes.uploadsOpen += 1;
      probes.mostUploadsOpen = Math.max(probes.mostUploadsOpen, probes.uploadsOpen);
      // Done (readyState 4) comes before 'load': the app starts its next request from the load handler's promise.
      const done = () => {
        if (this.readyState !== XMLHttpRequest.DONE) return;
        probes.uploadsOpen -= 1;
        this.removeEventListener('readystatechange', done);
      };
      this.addEventListener('readystatechange', done);
    }
    return send.call(this, body);
  };
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
  /** When the longest task began, in seconds after the folder was chosen. */
  longestTaskAtS: number;
  longTaskTotalMs: number;
  longestFrameGapMs: number;
  /** Upload requests the page had open at once, at most. */
  mostUploadsAtOnce: number;
}

/** Starts counting (the page's own loading is not the upload's doing). */
export function startMeasuring() {
  const probes = (window as unknown as { __benchProbes: { measuring: boolean; startedAt: number } }).__benchProbes;
  probes.measuring = true;
  probes.startedAt = performance.now();
}

export function readResponsiveness(): Responsiveness {
  const probes = (
    window as unknown as { __benchProbes: { longTasks: number[]; longestTaskAt: number; longestFrameGapMs: number; mostUploadsOpen: number } }
  ).__benchProbes;
  return {
    longTasks: probes.longTasks.length,
    longestTaskMs: Math.round(Math.max(0, ...probes.longTasks)),
    longestTaskAtS: Math.round(probes.longestTaskAt / 100) / 10,
    longTaskTotalMs: Math.round(probes.longTasks.reduce((sum, ms) => sum + ms, 0)),
    longestFrameGapMs: Math.round(probes.longestFrameGapMs),
    mostUploadsAtOnce: probes.mostUploadsOpen,
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
