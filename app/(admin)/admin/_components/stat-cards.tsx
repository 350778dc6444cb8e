import { cardStyles } from '@/app/_components/styles';
import { formatMs, formatPercent, formatRate, formatUsd } from './format';
import { headline, type ChartRow } from './metrics-data';

/** The four numbers an operator looks at first. */
export function StatCards({ rows }: { rows: ChartRow[] }) {
  const stats = headline(rows);
  const cards = [
    { id: 'requests', label: 'Requests', hint: 'per second, last minute', value: formatRate(stats.requestsPerSecond), tone: '' },
    { id: 'p95', label: 'p95 latency', hint: 'latest sample with traffic', value: formatMs(stats.latencyP95), tone: '' },
    {
      id: 'errors',
      label: 'Error rate',
      hint: '5xx answers, last minute',
      value: formatPercent(stats.errorPercent),
      tone: (stats.errorPercent ?? 0) > 0 ? 'text-red-700 dark:text-red-400' : '',
    },
    { id: 'cost', label: 'Cost', hint: 'estimated, last hour', value: formatUsd(stats.costUsd), tone: '' },
  ];
  return (
    <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
      {cards.map((card) => (
        <div key={card.id} className={`${cardStyles} min-w-0`}>
          <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{card.label}</dt>
          <dd data-testid={`stat-${card.id}`} className={`mt-1 truncate text-2xl font-semibold tabular-nums ${card.tone}`}>
            {card.value}
          </dd>
          <dd className="mt-0.5 truncate text-xs text-zinc-500 dark:text-zinc-400">{card.hint}</dd>
        </div>
      ))}
    </dl>
  );
}
