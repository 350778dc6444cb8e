const TONES = {
  neutral: 'bg-zinc-900 dark:bg-zinc-100',
  active: 'bg-sky-500',
  success: 'bg-emerald-500',
  danger: 'bg-red-500',
} as const;

/** A thin determinate bar; `value` is 0-100 and is what assistive technology announces. */
export function ProgressBar({
  value,
  label,
  valueText,
  tone = 'neutral',
}: {
  value: number;
  label: string;
  valueText?: string;
  tone?: keyof typeof TONES;
}) {
  const percent = Math.max(0, Math.min(100, Math.round(Number.isFinite(value) ? value : 0)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={valueText ?? `${percent}%`}
      className="h-1.5 w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
    >
      <div
        className={`h-full rounded-full transition-[width] duration-300 ease-out motion-reduce:transition-none ${TONES[tone]}`}
        style={{ width: `${percent}%` }}
      />
    </div>
  );
}
