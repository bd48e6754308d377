import { cn } from './ui/cn';

/** Text exactly as stored, monospace, wrapped; React escapes it, nothing is interpreted. */
export function RawText({ text, className }: { text: string; className?: string }) {
  return <pre className={cn('font-mono text-[13px] leading-5 break-words whitespace-pre-wrap text-zinc-800', className)}>{text}</pre>;
}
