// The import record format, explained next to the upload form.

const EXAMPLE = `{"id": "q1", "prompt": "What is 12 * 7?", "reference": "84"}
{"id": "q2", "messages": [{"role": "system", "content": "Be brief."},
  {"role": "user", "content": "Capital of France?"}], "reference": "Paris",
  "metadata": {"source": "quiz"}}
{"id": "q3", "prompt": "Name a prime.", "candidates": ["7",
  {"content": "9", "model": "my-7b", "scores": {"rm": 0.12}}]}`;

export function RecordFormat() {
  return (
    <details className="group rounded-lg border border-zinc-200 bg-white">
      <summary className="cursor-pointer list-none rounded-lg px-4 py-2.5 text-sm font-medium text-zinc-800 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-indigo-500 [&::-webkit-details-marker]:hidden">
        <span className="mr-1.5 inline-block text-zinc-400 transition-transform group-open:rotate-90">▸</span>
        Record format
      </summary>
      <div className="space-y-3 border-t border-zinc-100 px-4 py-3 text-sm text-zinc-700">
        <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-1.5">
          <dt className="font-mono text-xs leading-5 text-zinc-900">id</dt>
          <dd>Optional. Your id for the prompt; one is derived from the content if missing.</dd>
          <dt className="font-mono text-xs leading-5 text-zinc-900">prompt | messages</dt>
          <dd>
            Either <code className="font-mono text-xs">prompt</code> (text) or <code className="font-mono text-xs">messages</code> (chat:{' '}
            <code className="font-mono text-xs">[{'{'}role, content{'}'}]</code>, roles system / user / assistant).
          </dd>
          <dt className="font-mono text-xs leading-5 text-zinc-900">reference</dt>
          <dd>Optional. The expected answer (text), or an object such as {'{'}tests, entry_point{'}'}.</dd>
          <dt className="font-mono text-xs leading-5 text-zinc-900">metadata</dt>
          <dd>Optional object, kept as is.</dd>
          <dt className="font-mono text-xs leading-5 text-zinc-900">candidates</dt>
          <dd>
            Optional answers you already have: strings or <code className="font-mono text-xs">{'{'}content, model?, scores?{'}'}</code> with scores as{' '}
            <code className="font-mono text-xs">{'{'}name: number{'}'}</code>. Their order is the sample index.
          </dd>
        </dl>
        <p className="text-xs text-zinc-500">JSONL: one JSON object per line (wrapped here for reading). CSV: columns id, prompt, reference.</p>
        <pre className="overflow-x-auto rounded-md bg-zinc-900 p-3 font-mono text-xs leading-5 text-zinc-100">{EXAMPLE}</pre>
      </div>
    </details>
  );
}
