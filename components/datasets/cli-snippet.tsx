import { CopyButton } from '../ui/copy-button';

/** A shell command in a dark box with a copy button. */
export function CliSnippet({ command }: { command: string }) {
  return (
    <div className="flex items-center gap-2 rounded-md bg-zinc-900 py-1.5 pr-1.5 pl-3 text-left font-mono text-[13px] text-zinc-100">
      <span aria-hidden className="text-zinc-500 select-none">
        $
      </span>
      <code className="flex-1 overflow-x-auto whitespace-nowrap">{command}</code>
      <CopyButton text={command} />
    </div>
  );
}
