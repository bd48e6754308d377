import { ChevronDownIcon } from '../ui/icons';

/** Imported metadata as a collapsible key/value list (values shown as text, never as markup). */
export function MetadataView({ metadata }: { metadata: Record<string, unknown> | null }) {
  const entries = metadata ? Object.entries(metadata) : [];
  if (!entries.length) return null;
  return (
    <details className="group rounded-lg border border-zinc-200 bg-white shadow-xs">
      <summary className="flex cursor-pointer list-none items-center justify-between rounded-lg px-4 py-2.5 text-sm font-semibold text-zinc-900 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-indigo-500 [&::-webkit-details-marker]:hidden">
        <span>
          Metadata <span className="ml-1 text-xs font-normal text-zinc-500">{entries.length} {entries.length === 1 ? 'field' : 'fields'}</span>
        </span>
        <ChevronDownIcon className="size-4 text-zinc-400 transition-transform group-open:rotate-180" />
      </summary>
      <dl className="divide-y divide-zinc-100 border-t border-zinc-100 text-sm">
        {entries.map(([k, v]) => (
          <div key={k} className="grid grid-cols-[minmax(6rem,30%)_1fr] gap-3 px-4 py-1.5">
            <dt className="truncate font-mono text-xs leading-5 text-zinc-500" title={k}>
              {k}
            </dt>
            <dd className="min-w-0 text-zinc-800">
              {typeof v === 'string' ? (
                <span className="break-words whitespace-pre-wrap">{v}</span>
              ) : v === null || typeof v === 'number' || typeof v === 'boolean' ? (
                <span className="font-mono text-[13px]">{String(v)}</span>
              ) : (
                <pre className="overflow-x-auto font-mono text-xs leading-5 text-zinc-700">{JSON.stringify(v, null, 2)}</pre>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
