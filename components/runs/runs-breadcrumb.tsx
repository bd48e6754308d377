import Link from 'next/link';
import { Fragment } from 'react';

/** Datasets / <dataset> / Runs / …: every step but the last is a link. */
export function RunsBreadcrumb({ steps }: { steps: Array<{ label: string; href?: string }> }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-zinc-500">
      {steps.map((s, i) => (
        <Fragment key={`${s.label}-${i}`}>
          {i > 0 && (
            <span aria-hidden className="mx-1.5 text-zinc-300">
              /
            </span>
          )}
          {s.href ? (
            <Link href={s.href} className="hover:text-zinc-800 hover:underline">
              {s.label}
            </Link>
          ) : (
            <span aria-current="page" className="text-zinc-700">
              {s.label}
            </span>
          )}
        </Fragment>
      ))}
    </nav>
  );
}
