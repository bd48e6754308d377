import type { Ref } from 'react';
import { describeImportError, type ImportError } from '@/lib/datasets/schemas';
import { formatNumber } from '../ui/format';
import { AlertIcon } from '../ui/icons';

const SHOWN_ERRORS = 20;

/** Why an import did not happen: a request failure, or the file's errors by file/line/field. */
export function ImportProblems({ ref, failure, errors, errorCount }: { ref?: Ref<HTMLDivElement>; failure: string | null; errors: ImportError[]; errorCount: number }) {
  const shown = errors.slice(0, SHOWN_ERRORS);
  const more = errorCount - shown.length;
  return (
    <div ref={ref} tabIndex={-1} role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-4 py-3 focus:outline-none">
      <div className="flex items-start gap-2.5">
        <AlertIcon className="mt-0.5 size-5 shrink-0 text-rose-600" />
        <div className="min-w-0 flex-1">
          {failure !== null ? (
            <>
              <p className="text-sm font-semibold text-rose-900">The import did not run</p>
              <p className="mt-0.5 text-sm text-rose-800">{failure}</p>
            </>
          ) : (
            <>
              <p className="text-sm font-semibold text-rose-900">
                {formatNumber(errorCount)} {errorCount === 1 ? 'problem' : 'problems'} in the file — nothing was written
              </p>
              <p className="mt-0.5 text-sm text-rose-800">Fix these records and upload the file again.</p>
              <ul className="mt-2.5 max-h-80 space-y-1 overflow-y-auto font-mono text-xs text-rose-950" aria-label="Import errors">
                {shown.map((err, i) => (
                  <li key={i} className="rounded bg-white/70 px-2 py-1 break-words">
                    {describeImportError(err)}
                  </li>
                ))}
              </ul>
              {more > 0 && <p className="mt-1.5 text-xs text-rose-800">and {formatNumber(more)} more</p>}
            </>
          )}
        </div>
      </div>
    </div>
  );
}
