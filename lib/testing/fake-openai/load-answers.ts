// Reads true answers for the fake's math responder from a JSONL file in Winnow's import format
// ({prompt | messages, reference}) or GSM8K's ({question, answer: "…#### 72"}), keyed by prompt text.
import fs from 'node:fs';

function finalAnswer(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  // GSM8K puts the worked solution first and the final answer after "####".
  const hashes = value.lastIndexOf('####');
  return (hashes >= 0 ? value.slice(hashes + 4) : value).trim().replace(/,/g, '');
}

function promptOf(rec: Record<string, unknown>): string | undefined {
  if (typeof rec.prompt === 'string') return rec.prompt;
  if (typeof rec.question === 'string') return rec.question;
  if (Array.isArray(rec.messages)) {
    const users = rec.messages.filter((m): m is { role: string; content: string } => m?.role === 'user' && typeof m.content === 'string');
    return users.at(-1)?.content;
  }
  return undefined;
}

export function loadAnswers(file: string): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const rec = JSON.parse(line) as Record<string, unknown>;
    const prompt = promptOf(rec);
    const answer = finalAnswer(rec.reference ?? rec.answer);
    if (prompt !== undefined && answer !== undefined) answers[prompt] = answer;
  }
  return answers;
}
