import type { ChatMessage } from '@/lib/prompts/text';
import { MarkdownText } from '../markdown';
import { cn } from '../ui/cn';

const roleStyle: Record<string, { label: string; box: string; tag: string }> = {
  system: { label: 'System', box: 'border-dashed border-zinc-300 bg-zinc-50', tag: 'bg-zinc-200 text-zinc-700' },
  developer: { label: 'Developer', box: 'border-dashed border-zinc-300 bg-zinc-50', tag: 'bg-zinc-200 text-zinc-700' },
  user: { label: 'User', box: 'border-zinc-200 bg-white', tag: 'bg-sky-100 text-sky-800' },
  assistant: { label: 'Assistant', box: 'border-indigo-100 bg-indigo-50/40', tag: 'bg-indigo-100 text-indigo-800' },
  tool: { label: 'Tool', box: 'border-amber-200 bg-amber-50/40', tag: 'bg-amber-100 text-amber-800' },
};

/** Every turn of a prompt with its role; system/developer instructions look distinct from the conversation. */
export function ChatMessages({ messages }: { messages: ChatMessage[] }) {
  if (!messages.length) return <p className="text-sm text-zinc-500 italic">This prompt has no messages.</p>;
  return (
    <ol className="space-y-2.5" aria-label="Prompt messages">
      {messages.map((m, i) => {
        const s = roleStyle[m.role] ?? { label: m.role, box: 'border-zinc-200 bg-white', tag: 'bg-zinc-100 text-zinc-700' };
        return (
          <li key={i} className={cn('rounded-md border px-3 py-2.5', s.box)} data-role={m.role}>
            <div className={cn('mb-1.5 inline-flex rounded px-1.5 py-px text-[11px] font-semibold tracking-wide uppercase', s.tag)}>{s.label}</div>
            {m.content ? <MarkdownText text={m.content} /> : <p className="text-sm text-zinc-400 italic">(empty)</p>}
          </li>
        );
      })}
    </ol>
  );
}
