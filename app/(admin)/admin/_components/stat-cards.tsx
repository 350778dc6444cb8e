import { cardStyles } from '@/app/_components/styles';
import { formatMs, formatPercent, formatRate, formatUsd } from './format';
import { newest, type ChartRow } from './metrics-data';

/**
 * The numbers an operator looks at first: each is the newest sample of a chart's series (the chart's last
 * point), so a tile and its chart always agree. `data-value` holds the unformatted number for tests.
 */
export function StatCards({ rows }: { rows: ChartRow[] }) {
  const last = newest(rows);
  const errors = last?.errorPercent ?? null;
  const cards = [
    { id: 'requests', chart: 'requests', label: 'Requests', hint: 'per second, last minute', value: last?.requestsPerSecond, format: formatRate, tone: '' },
    { id: 'p95', chart: 'latency', label: 'p95 latency', hint: 'pages and API, last minute', value: last?.latencyP95, format: formatMs, tone: '' },
    { id: 'chat-p95', chart: 'chat', label: 'Chat answer p95', hint: 'until it starts, last minute', value: last?.chatP95, format: formatMs, tone: '' },
    {
      id: 'errors',
      chart: 'errors',
      label: 'Error rate',
      hint: '5xx answers, last minute',
      value: errors,
      format: formatPercent,
      tone: (errors ?? 0) > 0 ? 'text-red-700 dark:text-red-400' : '',
    },
    { id: 'cost', chart: 'cost', label: 'Cost', hint: 'estimated, last hour', value: last?.costCumulativeUsd ?? 0, format: formatUsd, tone: '' },
  ];
  return (
    <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5">
      {cards.map((card) => (
        <div key={card.id} className={`${cardStyles} min-w-0`}>
          <dt className="text-xs font-medium tracking-wide text-zinc-600 uppercase dark:text-zinc-400">{card.label}</dt>
          <dd
            data-testid={`stat-${card.id}`}
            data-value={card.value ?? ''}
            data-chart={card.chart}
            className={`mt-1 truncate text-2xl font-semibold tabular-nums ${card.tone}`}
          >
            {card.format(card.value ?? null)}
          </dd>
          <dd className="mt-0.5 truncate text-xs text-zinc-600 dark:text-zinc-400">{card.hint}</dd>
        </div>
      ))}
    </dl>
  );
}
