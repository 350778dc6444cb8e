/**
 * A 2,000-file folder through the browser: the production app (PGlite, or with `--postgres` a private PostgreSQL
 * cluster; the offline embedder; the shipped rate limits),
 * a signed-in owner, and headless Chromium picking the folder on the documents page (the "Choose a folder"
 * input), as a person would. Measures how long until the upload panel has every file sent and every document
 * ready, how responsive the page stays meanwhile (long tasks, longest gap between frames), the tab's JS heap, the
 * app's resident memory, the requests the page made (uploads, with how many at once; status checks), and checks
 * through the API that every readable file became a document.
 *
 *   npm run build && npm run bench:browser-folder [-- --notes 2000 --large 4 --large-kb 200 --postgres --label after]
 *
 * Writes bench/results/browser-folder-<date>[-<label>].json and prints a table.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, request as playwrightRequest, type CDPSession, type Page } from '@playwright/test';
import { freePort } from '@/test/support/free-port';
import { makeBenchFolder } from './browser-folder/folder';
import { installResponsivenessProbes, readPanel, readResponsiveness, startMeasuring, type PanelCounts } from './browser-folder/page-probes';
import { RequestTally } from './browser-folder/request-tally';
import { memoryMb, spawnApp, waitForBuild } from './chat/procs';
import { machineDescription } from './head-to-head/machine';
import { log, startBenchCluster, Teardown } from './support/run';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const NOTES = Number(arg('notes') ?? 2000);
const LARGE = Number(arg('large') ?? 4);
/**
 * Of each larger file. A megabyte each (~250 chunks) holds PGlite's single thread, and with it the whole app,
 * for minutes on a busy two-core machine while their vectors go into the HNSW index (bench/NOTES.md §18).
 */
const LARGE_KB = Number(arg('large-kb') ?? 200);
const LABEL = arg('label');
const POSTGRES = args.includes('--postgres');
/** Past this the run gives up and reports how far the panel got. */
const TIMEOUT_MS = Number(arg('timeout') ?? 600) * 1000;
const SAMPLE_MS = 250;
const OWNER = { name: 'Bench Owner', email: 'owner@docent.bench', password: 'bench-owner-password' };

const round = (n: number) => Math.round(n * 10) / 10;

/** The tab's JS heap in MB, through the DevTools protocol (performance.memory is coarse and quantised). */
async function heapMb(cdp: CDPSession): Promise<number> {
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return round(usedSize / 2 ** 20);
}

/** Documents the owner has, by status, from the library's counts (tRPC documents.library). */
async function documentCounts(appUrl: string, storageState: string): Promise<Record<string, number>> {
  const api = await playwrightRequest.newContext({ baseURL: appUrl, storageState });
  try {
    const input = encodeURIComponent(JSON.stringify({ json: { pageSize: 1 } }));
    const response = await api.get(`/api/trpc/documents.library?input=${input}`);
    if (!response.ok()) throw new Error(`documents.library answered ${response.status()}: ${await response.text()}`);
    const body = (await response.json()) as { result: { data: { json: { statusCounts: Record<string, number> } } } };
    return body.result.data.json.statusCounts;
  } finally {
    await api.dispose();
  }
}

async function main() {
  await waitForBuild(log);
  const teardown = new Teardown();
  try {
    const folder = makeBenchFolder({ notes: NOTES, large: LARGE, largeKb: LARGE_KB });
    teardown.push(async () => rmSync(path.dirname(folder.root), { recursive: true, force: true }));
    log(`folder: ${folder.files} files, ${round(folder.bytes / 2 ** 20)} MB`);

    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'docent-bench-browser-'));
    teardown.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const appUrl = `http://127.0.0.1:${port}`;
    const database: Record<string, string> = POSTGRES ? { DATABASE_URL: await (await startBenchCluster(teardown)).createDatabase() } : {};
    // The shipped upload and ingest limits (spawnApp lifts them for load tests): a person's browser meets these.
    const app = await spawnApp({ DATA_DIR: dataDir, PUBLIC_URL: appUrl, RATE_LIMIT_UPLOAD: '60', RATE_LIMIT_INGEST: '60', ...database }, [], port);
    teardown.push(() => app.stop());
    log(`app on ${appUrl} (pid ${app.pid})`);

    const storageState = path.join(dataDir, 'owner-state.json');
    const setup = await playwrightRequest.newContext({ baseURL: appUrl });
    const created = await setup.post('/api/setup', { data: OWNER });
    if (created.status() !== 204) throw new Error(`creating the owner failed: ${created.status()} ${await created.text()}`);
    await setup.storageState({ path: storageState });
    await setup.dispose();

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    teardown.push(() => browser.close());
    const context = await browser.newContext({ baseURL: appUrl, storageState });
    const page: Page = await context.newPage();
    // tsx compiles with keepNames, which wraps the probes' inner functions in __name(); the page has no such helper.
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.addInitScript(installResponsivenessProbes);
    const requests = new RequestTally(page);
    const cdp = await context.newCDPSession(page);

    await page.goto('/documents');
    await page.getByLabel('Folder to upload').waitFor({ state: 'attached' });
    await page.waitForLoadState('networkidle');
    const heapBefore = await heapMb(cdp);
    const rssBefore = memoryMb(app.pid).rss;
    let heapPeak = heapBefore;
    let rssPeak = rssBefore;
    let panel: PanelCounts = { total: 0, sent: 0, ready: 0, failed: 0, rows: 0 };
    let rowsPeak = 0;

    await page.evaluate(startMeasuring);
    requests.start();
    const started = performance.now();
    log(`choosing the folder (${folder.files} files)`);
    await page.getByLabel('Folder to upload').setInputFiles(folder.root);
    const chosenSeconds = (performance.now() - started) / 1000;

    let sentSeconds: number | null = null;
    let settledSeconds: number | null = null;
    let lastLog = 0;
    while (performance.now() - started < TIMEOUT_MS) {
      const [counts, heap] = await Promise.all([page.evaluate(readPanel), heapMb(cdp)]);
      panel = counts;
      heapPeak = Math.max(heapPeak, heap);
      rssPeak = Math.max(rssPeak, memoryMb(app.pid).rss);
      rowsPeak = Math.max(rowsPeak, counts.rows);
      const elapsed = (performance.now() - started) / 1000;
      if (sentSeconds === null && counts.total >= folder.files && counts.sent >= folder.files) sentSeconds = elapsed;
      if (counts.total >= folder.files && counts.ready + counts.failed >= folder.files) {
        settledSeconds = elapsed;
        break;
      }
      if (elapsed - lastLog >= 10) {
        lastLog = elapsed;
        log(`  ${Math.round(elapsed)} s: ${counts.sent}/${counts.total} sent, ${counts.ready} ready, ${counts.failed} failed; heap ${heap} MB`);
      }
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    }
    const responsiveness = await page.evaluate(readResponsiveness);
    const traffic = requests.stop();
    const heapAfter = await heapMb(cdp);
    const documents = await documentCounts(appUrl, storageState);

    const result = {
      date: new Date().toISOString(),
      machine: machineDescription(POSTGRES ? 'PostgreSQL' : 'PGlite'),
      label: LABEL ?? null,
      folder: { files: folder.files, megabytes: round(folder.bytes / 2 ** 20), readable: folder.readable, unreadable: folder.unreadable },
      seconds: {
        choosing: round(chosenSeconds),
        allSent: sentSeconds === null ? null : round(sentSeconds),
        allSettled: settledSeconds === null ? null : round(settledSeconds),
        timedOut: settledSeconds === null,
      },
      panel: { ...panel, rowsRenderedPeak: rowsPeak },
      page: { ...responsiveness, heapMb: { before: heapBefore, peak: heapPeak, after: heapAfter } },
      appRssMb: { before: rssBefore, peak: rssPeak },
      requests: traffic,
      documents: { ...documents, everyReadableFileStored: (documents.ready ?? 0) === folder.readable },
    };

    const dir = path.join(import.meta.dirname, 'results');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `browser-folder-${result.date.slice(0, 10)}${POSTGRES ? '-postgres' : ''}${LABEL ? `-${LABEL}` : ''}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    log(`wrote ${path.relative(process.cwd(), file)}`);

    const rows: Array<[string, string]> = [
      ['files (readable + unreadable)', `${folder.files} (${folder.readable} + ${folder.unreadable}), ${result.folder.megabytes} MB`],
      ['every file sent (panel)', sentSeconds === null ? 'not within the time-out' : `${round(sentSeconds)} s`],
      ['every document ready or failed (panel)', settledSeconds === null ? `not within ${TIMEOUT_MS / 1000} s` : `${round(settledSeconds)} s`],
      ['panel rows rendered (peak)', String(rowsPeak)],
      [
        'longest long task (at) / total',
        `${responsiveness.longestTaskMs} ms (${responsiveness.longestTaskAtS} s) / ${responsiveness.longTaskTotalMs} ms (${responsiveness.longTasks} tasks)`,
      ],
      ['longest gap between frames', `${responsiveness.longestFrameGapMs} ms`],
      ['tab JS heap before → peak → after', `${heapBefore} → ${heapPeak} → ${heapAfter} MB`],
      ['app RSS before → peak', `${rssBefore} → ${rssPeak} MB`],
      ['upload requests (most at once in the page; 429s)', `${traffic.uploads.requests} (${responsiveness.mostUploadsAtOnce}; ${traffic.uploads.tooMany})`],
      ['status requests (REST per document / batched / tRPC)', `${traffic.statusChecks} / ${traffic.batchedStatusChecks} / ${traffic.trpc}`],
      ['documents by status (API)', Object.entries(documents).map(([status, n]) => `${status} ${n}`).join(', ')],
    ];
    const width = Math.max(...rows.map(([name]) => name.length));
    console.log(rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n'));
    if (!result.documents.everyReadableFileStored) process.exitCode = 1;
  } finally {
    await teardown.run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
