'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { AdminOverview } from '@/server/admin/types';
import { cellStyles, DataTable, EmptyNote, numericCellStyles } from '@/app/_components/data-table';
import { buttonStyles, cardStyles, linkStyles } from '@/app/_components/styles';
import { formatBytes } from '@/app/_components/format';
import { formatInteger, formatMs } from './format';

/** Database size, vector indexes, slow queries and the ingestion queue, from one `admin.overview` read. */
export function OverviewPanels({ overview }: { overview: AdminOverview }) {
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <div className="min-w-0 space-y-6">
        <IngestionQueue queue={overview.ingestQueue} failed={overview.failedDocuments} />
        <VectorIndexes indexes={overview.vectorIndexes} />
      </div>
      <div className="min-w-0">
        <Tables tables={overview.tables} />
      </div>
      <div className="min-w-0 md:col-span-2">
        <SlowQueries slowQueries={overview.slowQueries} />
      </div>
    </div>
  );
}

function Panel({ id, title, description, children }: { id: string; title: string; description?: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="min-w-0 space-y-3">
      <div>
        <h3 id={id} className="text-sm font-semibold">
          {title}
        </h3>
        {description && <p className="text-xs text-zinc-500 dark:text-zinc-400">{description}</p>}
      </div>
      {children}
    </section>
  );
}

function IngestionQueue({ queue, failed }: { queue: AdminOverview['ingestQueue']; failed: AdminOverview['failedDocuments'] }) {
  const items = [
    { key: 'queued', label: 'Queued', value: queue.queued, tone: '', href: null },
    { key: 'running', label: 'Running', value: queue.running, tone: queue.running > 0 ? 'text-sky-700 dark:text-sky-300' : '', href: null },
    {
      key: 'failed',
      label: 'Failed',
      value: queue.failed,
      tone: queue.failed > 0 ? 'text-red-700 dark:text-red-400' : '',
      // One failed document opens itself; several open the library filtered to the failed ones.
      href: queue.failed === 0 ? null : failed.documents.length === 1 && failed.unreadable === 0 ? `/documents/${failed.documents[0]!.id}` : '/documents?status=failed',
    },
  ];
  return (
    <Panel id="queue-heading" title="Ingestion queue" description="Documents waiting for, going through or stuck after processing.">
      <dl className="grid grid-cols-3 gap-3" data-testid="ingest-queue">
        {items.map((item) => (
          <div key={item.key} className={`${cardStyles} min-w-0`}>
            <dt className="text-xs text-zinc-600 dark:text-zinc-400">{item.label}</dt>
            <dd data-testid={`queue-${item.key}`} className={`mt-1 text-2xl font-semibold tabular-nums ${item.tone}`}>
              {item.href ? (
                <Link href={item.href} className={linkStyles} aria-label={`${formatInteger(item.value)} failed: show them`}>
                  {formatInteger(item.value)}
                </Link>
              ) : (
                formatInteger(item.value)
              )}
            </dd>
          </div>
        ))}
      </dl>
      {failed.documents.length > 0 && (
        <ul className="space-y-1.5 text-sm" data-testid="failed-documents" aria-label="Newest failed documents">
          {failed.documents.map((document) => (
            <li key={document.id} className="min-w-0">
              <Link href={`/documents/${document.id}`} className={`${linkStyles} font-medium break-words`} data-testid="failed-document">
                {document.title}
              </Link>
              {document.error && <p className="text-xs break-words text-zinc-600 dark:text-zinc-400">{document.error}</p>}
            </li>
          ))}
        </ul>
      )}
      {failed.unreadable > 0 && (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          {formatInteger(failed.unreadable)} more failed in vaults you can&rsquo;t open.
        </p>
      )}
    </Panel>
  );
}

function Tables({ tables }: { tables: AdminOverview['tables'] }) {
  const sorted = [...tables].sort((a, b) => b.totalBytes - a.totalBytes);
  const total = tables.reduce((sum, table) => sum + table.totalBytes, 0);
  return (
    <Panel id="tables-heading" title="Tables" description={`${formatBytes(total)} on disk, indexes included.`}>
      {sorted.length === 0 ? (
        <EmptyNote>No tables found.</EmptyNote>
      ) : (
        <DataTable
          caption="Tables, largest first"
          testId="tables-table"
          columns={[{ label: 'Table' }, { label: 'Rows', numeric: true }, { label: 'Size', numeric: true }]}
        >
          {sorted.map((table) => (
            <tr key={table.table}>
              <td className={`${cellStyles} font-mono text-xs break-all`}>{table.table}</td>
              <td className={numericCellStyles}>{formatInteger(table.rows)}</td>
              <td className={numericCellStyles}>{formatBytes(table.totalBytes)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Panel>
  );
}

function VectorIndexes({ indexes }: { indexes: AdminOverview['vectorIndexes'] }) {
  return (
    <Panel id="vector-heading" title="Vector indexes" description="Approximate-nearest-neighbour indexes over the embeddings.">
      {indexes.length === 0 ? (
        <EmptyNote>No vector indexes yet: search scans every embedding.</EmptyNote>
      ) : (
        <ul className="space-y-3" data-testid="vector-indexes">
          {indexes.map((index) => (
            <li key={index.name} data-testid="vector-index" className={`${cardStyles} space-y-3`}>
              <p className="font-mono text-xs break-all" title={index.definition}>
                {index.name}
              </p>
              <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
                <IndexFact label="Model">{index.model ?? 'Any'}</IndexFact>
                <IndexFact label="Method">
                  <span className="uppercase">{index.method}</span>
                </IndexFact>
                <IndexFact label="Parameters">
                  <span className="font-mono text-xs">{index.parameters || '—'}</span>
                </IndexFact>
                <IndexFact label="Size">
                  <span className="tabular-nums">{formatBytes(index.sizeBytes)}</span>
                </IndexFact>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function IndexFact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="break-words">{children}</dd>
    </div>
  );
}

function SlowQueries({ slowQueries }: { slowQueries: AdminOverview['slowQueries'] }) {
  return (
    <Panel id="slow-heading" title="Slowest queries" description="By mean time per call, from pg_stat_statements.">
      {!slowQueries.available ? (
        <p data-testid="slow-queries-note" className="text-sm text-zinc-600 dark:text-zinc-400">
          {slowQueries.note}
        </p>
      ) : slowQueries.rows.length === 0 ? (
        <EmptyNote>No queries recorded yet.</EmptyNote>
      ) : (
        <DataTable
          caption="Slowest queries by mean time"
          testId="slow-queries-table"
          columns={[
            { label: 'Query' },
            { label: 'Calls', numeric: true },
            { label: 'Mean', numeric: true },
            { label: 'Total', numeric: true },
          ]}
        >
          {slowQueries.rows.map((row, index) => (
            <tr key={`${index}-${row.query}`}>
              <td className={`${cellStyles} w-full max-w-0 min-w-64`}>
                <QueryText query={row.query} />
              </td>
              <td className={numericCellStyles}>{formatInteger(row.calls)}</td>
              <td className={numericCellStyles}>{formatMs(row.meanMs)}</td>
              <td className={numericCellStyles}>{formatMs(row.totalMs)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Panel>
  );
}

/** One line of SQL until asked for the whole statement. */
function QueryText({ query }: { query: string }) {
  const [expanded, setExpanded] = useState(false);
  const long = query.length > 80 || query.includes('\n');
  return (
    <div className="flex items-start gap-2">
      <code
        className={`min-w-0 flex-1 font-mono text-xs ${expanded ? 'break-all whitespace-pre-wrap' : 'truncate'}`}
        title={expanded ? undefined : query}
      >
        {query}
      </code>
      {long && (
        <button
          type="button"
          aria-expanded={expanded}
          className={`${buttonStyles.quiet} shrink-0 py-0 text-xs`}
          onClick={() => setExpanded((value) => !value)}
        >
          {expanded ? 'Less' : 'More'}
          <span className="sr-only"> of this query</span>
        </button>
      )}
    </div>
  );
}
