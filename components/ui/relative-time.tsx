'use client';
import { formatFullDate, formatRelative } from './format';

/** "3 minutes ago", with the full date as a tooltip. Rendered in the viewer's time zone. */
export function RelativeTime({ date, className }: { date: string; className?: string }) {
  return (
    <time dateTime={date} title={formatFullDate(date)} className={className} suppressHydrationWarning>
      {formatRelative(date)}
    </time>
  );
}
