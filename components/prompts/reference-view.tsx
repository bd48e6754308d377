import { MarkdownText } from '../markdown';
import { RawText } from '../raw-text';

function CodeBlock({ label, code }: { label: string; code: string }) {
  return (
    <div>
      <div className="mb-1 text-xs font-medium text-zinc-500">{label}</div>
      <pre className="overflow-x-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-[13px] leading-5 text-zinc-800">{code}</pre>
    </div>
  );
}

const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v, null, 2));

/** The expected answer: a string as text; code tests as code; any other JSON pretty-printed. */
export function ReferenceView({ reference }: { reference: unknown }) {
  if (reference == null || reference === '') return <p className="text-sm text-zinc-500 italic">No reference answer.</p>;
  if (typeof reference === 'string') {
    return reference.length < 80 && !reference.includes('\n') ? (
      <p className="font-mono text-[15px] font-medium break-words text-zinc-900">{reference}</p>
    ) : (
      <MarkdownText text={reference} />
    );
  }
  if (typeof reference === 'number' || typeof reference === 'boolean') return <p className="font-mono text-[15px] font-medium text-zinc-900">{String(reference)}</p>;
  if (typeof reference === 'object' && !Array.isArray(reference) && ('tests' in reference || 'entry_point' in reference)) {
    const { tests, entry_point: entryPoint, ...rest } = reference as Record<string, unknown>;
    return (
      <div className="space-y-3">
        {entryPoint != null && (
          <p className="text-sm text-zinc-600">
            Entry point <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[13px] text-zinc-900">{asText(entryPoint)}</code>
          </p>
        )}
        {tests != null && <CodeBlock label="Tests" code={Array.isArray(tests) ? tests.map(asText).join('\n') : asText(tests)} />}
        {Object.keys(rest).length > 0 && <CodeBlock label="Other fields" code={JSON.stringify(rest, null, 2)} />}
      </div>
    );
  }
  return <RawText text={JSON.stringify(reference, null, 2)} className="overflow-x-auto rounded-md border border-zinc-200 bg-zinc-50 p-3" />;
}
