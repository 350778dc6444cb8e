/** What `POST /api/documents/upload` answers for each stored file. */
export interface UploadedDocument {
  document_id: string;
  filename: string;
  status: 'queued' | 'processing' | 'ready' | 'failed';
  deduplicated: boolean;
  /** True when it replaced an earlier document with the same file name in the vault. */
  replaced?: boolean;
  /** The document's title: for a duplicate, the one already in Docent. */
  title?: string;
}

/** Where an uploaded document's reading and indexing stands. */
export interface DocumentState {
  status: UploadedDocument['status'];
  error: string | null;
  title: string | null;
}

const DOCUMENT_STATUSES = new Set<string>(['queued', 'processing', 'ready', 'failed']);

/** Where each of many stored documents stands, in one request; documents Docent no longer has are absent. */
export async function documentStates(documentIds: string[]): Promise<Map<string, DocumentState>> {
  const answer = (await postJson('/api/documents/statuses', { document_ids: documentIds })) as {
    documents?: Array<{ document_id: string; status: string; error: string | null; title: string | null }>;
  } | null;
  const states = new Map<string, DocumentState>();
  for (const document of answer?.documents ?? []) {
    if (!DOCUMENT_STATUSES.has(document.status)) continue;
    states.set(document.document_id, { status: document.status as DocumentState['status'], error: document.error ?? null, title: document.title ?? null });
  }
  return states;
}

const UPLOAD_URL = '/api/documents/upload';

/** The file picker's filter; the server has the final word and explains what it rejects. */
export const ACCEPTED_FILES =
  '.pdf,.docx,.pptx,.xlsx,.ods,.odt,.epub,.rtf,.csv,.tsv,.html,.htm,.md,.markdown,.txt,.png,.jpg,.jpeg,.tif,.tiff,.webp,.zip,text/*';

export const ACCEPTED_DESCRIPTION =
  'PDF, Word (.docx), PowerPoint (.pptx), Excel (.xlsx), OpenDocument (.odt, .ods), EPUB, RTF, CSV, HTML, Markdown, plain text, or scans and photos of text (PNG, JPEG, TIFF, WebP)';

export class UploadAbortedError extends Error {
  constructor() {
    super('Upload cancelled');
    this.name = 'UploadAbortedError';
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function errorMessage(status: number, body: unknown): string {
  if (body && typeof body === 'object' && 'error' in body && typeof body.error === 'string' && body.error) {
    return body.error;
  }
  if (status === 413) return 'The file is too large';
  if (status === 415) return 'This type of file is not supported';
  if (status === 0) return 'The upload did not reach Docent; check your connection';
  return `The upload failed (HTTP ${status})`;
}

/** What `POST /api/documents/upload` answers: the stored documents, and the files it left out with why. */
export interface UploadAnswer {
  documents: UploadedDocument[];
  skipped: Array<{ filename: string; reason: string }>;
}

function uploadAnswer(body: unknown): UploadAnswer | null {
  if (!body || typeof body !== 'object' || !('documents' in body) || !Array.isArray(body.documents)) return null;
  const documents = (body.documents as unknown[]).filter(
    (d): d is UploadedDocument => !!d && typeof d === 'object' && typeof (d as UploadedDocument).document_id === 'string',
  );
  const skipped = 'skipped' in body && Array.isArray(body.skipped) ? (body.skipped as UploadAnswer['skipped']) : [];
  return { documents, skipped };
}

/** Too many uploads for now (HTTP 429): try again after `seconds`. */
export class UploadLaterError extends Error {
  constructor(readonly seconds: number) {
    super(`Too many uploads at once; trying again in ${seconds} s`);
    this.name = 'UploadLaterError';
  }
}

/**
 * Uploads files in one multipart request, each under its `name` (a folder's files: their path in it).
 * XMLHttpRequest rather than fetch: only it reports upload progress. `onProgress` receives the fraction of bytes
 * sent (0-1). `skipUnreadable`: store the readable files and list the others, instead of refusing them all.
 */
export function uploadFiles(
  files: Array<{ file: File; name: string }>,
  { vaultId, skipUnreadable, onProgress }: { vaultId?: string; skipUnreadable: boolean; onProgress: (fraction: number) => void },
): { promise: Promise<UploadAnswer>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<UploadAnswer>((resolve, reject) => {
    xhr.open('POST', UPLOAD_URL);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      const answer = xhr.status >= 200 && xhr.status < 300 ? uploadAnswer(body) : null;
      if (answer) resolve(answer);
      else if (xhr.status >= 200 && xhr.status < 300) reject(new Error('Docent answered the upload unexpectedly'));
      else if (xhr.status === 429) reject(new UploadLaterError(Number(xhr.getResponseHeader('retry-after')) || 5));
      else reject(new Error(errorMessage(xhr.status, body)));
    };
    xhr.onerror = () => reject(new Error(errorMessage(0, null)));
    xhr.ontimeout = () => reject(new Error('The upload timed out'));
    xhr.onabort = () => reject(new UploadAbortedError());

    const form = new FormData();
    if (vaultId) form.append('vault_id', vaultId);
    if (skipUnreadable) form.append('skip_unreadable', 'true');
    for (const { file, name } of files) form.append('file', file, name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

async function postJson(url: string, body?: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = parseJson(await response.text());
  if (!response.ok) throw new Error(errorMessage(response.status, answer));
  return answer;
}

/** Stops the reading of a stored document (it ends failed, "Cancelled by you."), or starts it again from its original. */
export async function changeProcessing(documentId: string, action: 'cancel' | 'retry'): Promise<void> {
  await postJson(`/api/documents/${encodeURIComponent(documentId)}/${action}`);
}

/** Cancels the reading of stored documents still waiting or being read. */
export async function cancelProcessing(documentIds: string[]): Promise<void> {
  if (documentIds.length > 0) await postJson('/api/documents/cancel', { document_ids: documentIds });
}
