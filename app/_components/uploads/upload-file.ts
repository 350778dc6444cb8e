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

/** The stored document's status, from `GET /api/documents/{id}`. */
export async function documentState(documentId: string): Promise<DocumentState | null> {
  const response = await fetch(`/api/documents/${encodeURIComponent(documentId)}`, { headers: { accept: 'application/json' } });
  if (!response.ok) return null;
  const body = (await response.json()) as { status?: string; error?: string | null; title?: string | null };
  const status = body.status === 'indexed' ? 'ready' : body.status;
  if (status !== 'queued' && status !== 'processing' && status !== 'ready' && status !== 'failed') return null;
  return { status, error: body.error ?? null, title: body.title ?? null };
}

const UPLOAD_URL = '/api/documents/upload';

/** The file picker's filter; the server has the final word and explains what it rejects. */
export const ACCEPTED_FILES = '.pdf,.docx,.html,.htm,.md,.markdown,.txt,text/*';

export const ACCEPTED_DESCRIPTION = 'PDF, Word (.docx), HTML, Markdown or plain text';

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

function uploadedDocument(body: unknown): UploadedDocument | null {
  if (!body || typeof body !== 'object' || !('documents' in body) || !Array.isArray(body.documents)) return null;
  const [first] = body.documents as unknown[];
  if (!first || typeof first !== 'object' || typeof (first as UploadedDocument).document_id !== 'string') return null;
  return first as UploadedDocument;
}

/**
 * Uploads one file as multipart form data. XMLHttpRequest rather than fetch: only it reports upload progress.
 * `onProgress` receives the fraction of bytes sent (0-1).
 */
export function uploadFile(
  file: File,
  { vaultId, onProgress }: { vaultId?: string; onProgress: (fraction: number) => void },
): { promise: Promise<UploadedDocument>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<UploadedDocument>((resolve, reject) => {
    xhr.open('POST', UPLOAD_URL);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      const document = xhr.status >= 200 && xhr.status < 300 ? uploadedDocument(body) : null;
      if (document) resolve(document);
      else if (xhr.status >= 200 && xhr.status < 300) reject(new Error('Docent answered the upload unexpectedly'));
      else reject(new Error(errorMessage(xhr.status, body)));
    };
    xhr.onerror = () => reject(new Error(errorMessage(0, null)));
    xhr.ontimeout = () => reject(new Error('The upload timed out'));
    xhr.onabort = () => reject(new UploadAbortedError());

    const form = new FormData();
    form.append('file', file, file.name);
    if (vaultId) form.append('vault_id', vaultId);
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
