import type { ComponentProps, ReactNode } from 'react';
import { cn } from './cn';

export function Card({ className, ...props }: ComponentProps<'section'>) {
  return <section className={cn('rounded-lg border border-zinc-200 bg-white shadow-xs', className)} {...props} />;
}

export function CardHeader({ title, actions, className, id }: { title: ReactNode; actions?: ReactNode; className?: string; id?: string }) {
  return (
    <header className={cn('flex items-center justify-between gap-3 border-b border-zinc-100 px-4 py-2.5', className)}>
      <h2 id={id} className="text-sm font-semibold text-zinc-900">
        {title}
      </h2>
      {actions && <div className="flex items-center gap-2">{actions}</div>}
    </header>
  );
}

export function CardBody({ className, ...props }: ComponentProps<'div'>) {
  return <div className={cn('px-4 py-3', className)} {...props} />;
}
