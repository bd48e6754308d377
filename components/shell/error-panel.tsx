'use client';
import Link from 'next/link';
import { Button, buttonClass } from '../ui/button';
import { AlertIcon } from '../ui/icons';

/** What an unexpected server error looks like: what happened, what to try, the id to report. */
export function ErrorPanel({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto mt-16 max-w-lg rounded-lg border border-rose-200 bg-white p-6 shadow-sm">
      <div className="flex items-start gap-3">
        <AlertIcon className="mt-0.5 size-6 shrink-0 text-rose-500" />
        <div className="min-w-0 space-y-2">
          <h1 className="text-base font-semibold text-zinc-900">Something went wrong</h1>
          <p className="text-sm text-zinc-600">
            This page could not be loaded. If it keeps happening, check that the database is running (the server log says why) and try again.
          </p>
          {error.digest && (
            <p className="text-xs text-zinc-500">
              Error id <code className="rounded bg-zinc-100 px-1 font-mono">{error.digest}</code> — search the server log for it.
            </p>
          )}
          <div className="flex gap-2 pt-2">
            <Button variant="primary" onClick={reset}>
              Try again
            </Button>
            <Link href="/datasets" className={buttonClass('secondary')}>
              All datasets
            </Link>
          </div>
        </div>
      </div>
    </div>
  );
}
