import type { ComponentProps, ReactNode } from 'react';
import { cn } from './cn';

const field =
  'block rounded-md border-0 bg-white px-2.5 text-sm text-zinc-900 shadow-xs ring-1 ring-inset ring-zinc-300 placeholder:text-zinc-400 ' +
  'focus:ring-2 focus:ring-inset focus:ring-indigo-500 focus:outline-none disabled:bg-zinc-50 disabled:text-zinc-500';

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={cn(field, 'h-9 w-full', className)} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<'textarea'>) {
  return <textarea className={cn(field, 'w-full py-2', className)} {...props} />;
}

export function Select({ className, ...props }: ComponentProps<'select'>) {
  return <select className={cn(field, 'h-9 cursor-pointer pr-8', className)} {...props} />;
}

export function Label({ className, ...props }: ComponentProps<'label'>) {
  return <label className={cn('block text-sm font-medium text-zinc-800', className)} {...props} />;
}

/** Label + control + hint, wired with ids for screen readers. */
export function Field({ id, label, hint, optional, children }: { id: string; label: ReactNode; hint?: ReactNode; optional?: boolean; children: ReactNode }) {
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>
        {label}
        {optional && <span className="ml-1.5 text-xs font-normal text-zinc-500">optional</span>}
      </Label>
      {children}
      {hint && (
        <div id={`${id}-hint`} className="text-xs text-zinc-500">
          {hint}
        </div>
      )}
    </div>
  );
}
