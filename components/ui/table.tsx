import type { ComponentProps } from 'react';
import { cn } from './cn';

export function Table({ className, ...props }: ComponentProps<'table'>) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white shadow-xs">
      <table className={cn('w-full border-collapse text-left text-sm', className)} {...props} />
    </div>
  );
}

export function THead({ className, ...props }: ComponentProps<'thead'>) {
  return <thead className={cn('border-b border-zinc-200 bg-zinc-50/80 text-xs text-zinc-500', className)} {...props} />;
}

export function Th({ className, align, ...props }: ComponentProps<'th'> & { align?: 'left' | 'right' | 'center' }) {
  return (
    <th
      scope="col"
      className={cn('px-3 py-2 font-medium whitespace-nowrap', align === 'right' && 'text-right', align === 'center' && 'text-center', className)}
      {...props}
    />
  );
}

export function TBody({ className, ...props }: ComponentProps<'tbody'>) {
  return <tbody className={cn('divide-y divide-zinc-100', className)} {...props} />;
}

export function Td({ className, align, ...props }: ComponentProps<'td'> & { align?: 'left' | 'right' | 'center' }) {
  return <td className={cn('px-3 py-2 align-middle', align === 'right' && 'text-right tabular-nums', align === 'center' && 'text-center', className)} {...props} />;
}
