import { formatBytes, formatDateTime } from '@/app/_components/format';
import { linkStyles } from '@/app/_components/styles';
import { StatusBadge } from '../../_components/status-badge';
import { TagEditor } from '../../_components/tag-editor';
import type { DocumentView } from './types';

const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'text/plain': 'Plain text',
  'text/markdown': 'Markdown',
  'text/html': 'Web page (HTML)',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint presentation',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel workbook',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument spreadsheet',
  'application/vnd.oasis.opendocument.text': 'OpenDocument text',
  'text/csv': 'CSV table',
  'application/epub+zip': 'E-book (EPUB)',
  'application/rtf': 'Rich text (RTF)',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'image/tiff': 'TIFF image',
  'image/webp': 'WebP image',
};

/** Where the text came from, when some was recognised from pictures (OCR): which pages, or the whole image. */
function ocrSource(view: DocumentView): string | null {
  if (view.ocrPages.length === 0) return null;
  if (view.document.mimeType?.startsWith('image/')) return 'Text recognised from the image (OCR)';
  const pages = view.ocrPages.length === 1 ? `page ${view.ocrPages[0]}` : `pages ${view.ocrPages.join(', ')}`;
  return `Text recognised from the scan (OCR) on ${pages}`;
}

const typeName = (mimeType: string | null) => (mimeType ? (TYPE_NAMES[mimeType] ?? mimeType) : 'Unknown');

/** A source worth linking to: an http(s) address (a pasted text's source is any label its sender chose). */
function isWebAddress(source: string | null): source is string {
  return source !== null && /^https?:\/\/\S+$/i.test(source);
}

const ATTEMPT_STATUS: Record<DocumentView['attempts'][number]['status'], string> = {
  queued: 'Waiting to be read',
  running: 'Being read',
  done: 'Read and indexed',
  failed: 'Failed',
};

/** What the document is: file, type, size, vault, dates, passages; and how each submitted version was processed. */
export function DocumentFacts({ view }: { view: DocumentView }) {
  const { document, original, attempts } = view;
  const facts: Array<[string, React.ReactNode]> = [
    ['Status', <StatusBadge key="status" status={document.status} />],
    ['File name', original?.filename ?? (document.source ? document.source : 'Pasted text')],
    ['Type', typeName(document.mimeType)],
    ['Size', formatBytes(original?.sizeBytes ?? document.sizeBytes)],
    ['Vault', document.vaultName],
    ['Added', formatDateTime(new Date(document.createdAt))],
    ['Updated', formatDateTime(new Date(document.updatedAt))],
    ['Passages', document.chunkCount.toLocaleString()],
    ...(document.pageCount !== null ? ([['Pages', document.pageCount.toLocaleString()]] as Array<[string, React.ReactNode]>) : []),
    ...(isWebAddress(document.source)
      ? ([['Source', <a key="source" className={linkStyles} href={document.source} target="_blank" rel="noopener noreferrer">{document.source}</a>]] as Array<[string, React.ReactNode]>)
      : []),
    ['Tags', <TagEditor key="tags" documentId={document.id} title={document.title} tags={document.tags} writable={view.canEdit} />],
  ];
  const ocr = ocrSource(view);
  if (ocr) facts.push(['Text', <span key="ocr" data-testid="ocr-source">{ocr}</span>]);
  return (
    <div className="space-y-3">
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm sm:grid-cols-[auto_minmax(0,1fr)_auto_minmax(0,1fr)]" data-testid="document-facts">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-zinc-600 dark:text-zinc-400">{label}</dt>
            <dd className="min-w-0 break-words">{value}</dd>
          </div>
        ))}
      </dl>
      {document.error && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {document.error}
        </p>
      )}
      <details className="text-sm" data-testid="status-history">
        <summary className="cursor-pointer font-medium text-zinc-700 dark:text-zinc-300">Processing history ({attempts.length})</summary>
        <ol className="mt-2 space-y-1.5 border-l border-zinc-200 pl-4 dark:border-zinc-800">
          {attempts.map((attempt) => (
            <li key={attempt.id} data-testid="status-history-entry">
              <span className="font-medium">{ATTEMPT_STATUS[attempt.status]}</span>
              <span className="text-zinc-600 dark:text-zinc-400">
                {' '}
                · submitted {formatDateTime(new Date(attempt.createdAt))}
                {attempt.finishedAt && ` · finished ${formatDateTime(new Date(attempt.finishedAt))}`}
                {attempt.attempts > 1 && ` · ${attempt.attempts} attempts`}
              </span>
              {attempt.error && <p className="text-red-700 dark:text-red-300">{attempt.error}</p>}
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}
