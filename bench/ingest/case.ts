import { readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * An extra case of `npm run bench:ingest`: documents it makes itself, ingested on PostgreSQL with the offline
 * embedder while the same process answers chat questions (bench/ingest/run-case.ts). A case is a file
 * `bench/ingest/<key>-case.ts` whose default export is an IngestCase; the harness finds it by its name, so adding
 * a case touches no other file.
 */
export interface IngestCase {
  /** `--cases <key>` picks it; the file is `<key>-case.ts`. */
  key: string;
  label: string;
  /** What the case counts per second: `pages`, `images`… */
  unit: string;
  /** The files to ingest, and how many units they hold. */
  documents(): Promise<{ files: Array<{ content: Uint8Array; filename: string }>; units: number }>;
  /** Settings of its own (e.g. OCR_CONCURRENCY), on top of the harness's. */
  env?: Record<string, string>;
}

const CASE_FILE = /^(.+)-case\.ts$/;

/** The keys of every case file beside this one. */
export function caseKeys(): string[] {
  return readdirSync(import.meta.dirname)
    .map((name) => CASE_FILE.exec(name)?.[1])
    .filter((key): key is string => key !== undefined)
    .sort();
}

export async function loadCase(key: string): Promise<IngestCase> {
  if (!caseKeys().includes(key)) throw new Error(`no ingest case "${key}"; there are: ${caseKeys().join(', ')}`);
  const loaded = (await import(path.join(import.meta.dirname, `${key}-case.ts`))) as { default: IngestCase };
  return loaded.default;
}
