import Link from 'next/link';
import { cn } from './cn';

export type TabItem = { href: string; label: string; count?: string; active?: boolean; testId?: string };

/** Route tabs: each tab is a link; the active one is marked for assistive tech. */
export function TabsNav({ items, label }: { items: TabItem[]; label: string }) {
  return (
    <nav aria-label={label} className="border-b border-zinc-200">
      <ul className="-mb-px flex gap-5">
        {items.map((t) => (
          <li key={t.href}>
            <Link
              href={t.href}
              aria-current={t.active ? 'page' : undefined}
              data-testid={t.testId}
              className={cn(
                'inline-flex items-center gap-2 border-b-2 px-0.5 pb-2.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-500',
                t.active ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-zinc-500 hover:border-zinc-300 hover:text-zinc-800',
              )}
            >
              {t.label}
              {t.count && <span className={cn('rounded-full px-1.5 text-xs tabular-nums', t.active ? 'bg-indigo-50 text-indigo-700' : 'bg-zinc-100 text-zinc-600')}>{t.count}</span>}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
