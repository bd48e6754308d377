import { cn } from './cn';

/** A horizontal bar. `value` null = indeterminate (work going on, amount unknown). */
export function Progress({
  value,
  max = 100,
  label,
  tone = 'indigo',
  className,
  size = 'md',
}: {
  value: number | null;
  max?: number;
  label: string;
  tone?: 'indigo' | 'emerald' | 'amber';
  className?: string;
  size?: 'sm' | 'md';
}) {
  const pct = value == null || max <= 0 ? null : Math.max(0, Math.min(100, (value / max) * 100));
  const color = { indigo: 'bg-indigo-500', emerald: 'bg-emerald-500', amber: 'bg-amber-500' }[tone];
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value ?? undefined}
      className={cn('relative w-full overflow-hidden rounded-full bg-zinc-200/80', size === 'sm' ? 'h-1.5' : 'h-2', className)}
    >
      {pct == null ? (
        <div className={cn('absolute inset-y-0 w-1/3 animate-[winnow-indeterminate_1.2s_ease-in-out_infinite] rounded-full', color)} />
      ) : (
        <div className={cn('h-full rounded-full transition-[width] duration-200', color)} style={{ width: `${pct}%` }} />
      )}
    </div>
  );
}
