import type { ReactNode } from 'react';
import { cn } from './cn';

export function EmptyState({ icon, title, children, actions, className }: { icon?: ReactNode; title: ReactNode; children?: ReactNode; actions?: ReactNode; className?: string }) {
  return (
    <div className={cn('flex flex-col items-center rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-12 text-center', className)}>
      {icon && <div className="mb-3 text-zinc-400">{icon}</div>}
      <h2 className="text-base font-semibold text-zinc-900">{title}</h2>
      {children && <div className="mt-1.5 max-w-xl text-sm text-zinc-600">{children}</div>}
      {actions && <div className="mt-5 flex flex-wrap items-center justify-center gap-3">{actions}</div>}
    </div>
  );
}
