import type { Page, Request } from '@playwright/test';

const UPLOAD = /\/api\/documents\/upload$/;
const STATUS = /\/api\/documents\/[0-9a-f-]{36}$/;
const STATUSES = /\/api\/documents\/statuses$/;
const TRPC = /\/api\/trpc\//;

export interface Traffic {
  uploads: { requests: number; mostAtOnce: number; tooMany: number; failed: number };
  /** One document's status each (GET /api/documents/{id}). */
  statusChecks: number;
  /** Many documents' statuses in one request (POST /api/documents/statuses). */
  batchedStatusChecks: number;
  trpc: number;
}

/** Counts the page's requests by kind while started: uploads (with the most in flight at once), status checks, tRPC. */
export class RequestTally {
  private counting = false;
  private readonly traffic: Traffic = { uploads: { requests: 0, mostAtOnce: 0, tooMany: 0, failed: 0 }, statusChecks: 0, batchedStatusChecks: 0, trpc: 0 };
  private readonly inFlight = new Set<Request>();

  constructor(page: Page) {
    page.on('request', (request) => {
      if (!this.counting) return;
      const url = request.url();
      if (request.method() === 'POST' && UPLOAD.test(url)) {
        this.traffic.uploads.requests += 1;
        this.inFlight.add(request);
        this.traffic.uploads.mostAtOnce = Math.max(this.traffic.uploads.mostAtOnce, this.inFlight.size);
      } else if (request.method() === 'GET' && STATUS.test(url)) this.traffic.statusChecks += 1;
      else if (STATUSES.test(url)) this.traffic.batchedStatusChecks += 1;
      else if (TRPC.test(url)) this.traffic.trpc += 1;
    });
    page.on('requestfinished', (request) => {
      if (!this.inFlight.delete(request)) return;
      void request.response().then((response) => {
        if (response?.status() === 429) this.traffic.uploads.tooMany += 1;
      });
    });
    page.on('requestfailed', (request) => {
      if (this.inFlight.delete(request)) this.traffic.uploads.failed += 1;
    });
  }

  start() {
    this.counting = true;
  }

  stop(): Traffic {
    this.counting = false;
    return structuredClone(this.traffic);
  }
}
