// Builds prisma/seed/gsm8k-demo.jsonl (the demo dataset) from OpenAI's GSM8K example model solutions.
// Usage: npx tsx prisma/seed/make-gsm8k-demo.ts <path to example_model_solutions.jsonl> [count]
import fs from 'node:fs';
import path from 'node:path';

const MODELS = ['6b_finetuning', '6b_verification', '175b_finetuning', '175b_verification'] as const;
type Solution = { is_correct: boolean; solution: string };
type Source = { question: string; ground_truth: string } & Record<(typeof MODELS)[number], Solution>;

const [src, countArg] = process.argv.slice(2);
if (!src) throw new Error('usage: make-gsm8k-demo.ts <example_model_solutions.jsonl> [count]');
const count = Number(countArg ?? 250);
const lines = fs.readFileSync(src, 'utf8').split('\n').filter(Boolean).slice(0, count);
const out = lines.map((line, i) => {
  const r = JSON.parse(line) as Source;
  const answer = r.ground_truth.trim().split('\n').at(-1)!.replace(/^A:\s*/, '').trim();
  return JSON.stringify({
    id: `gsm8k-test-${String(i + 1).padStart(4, '0')}`,
    prompt: r.question,
    reference: answer,
    metadata: {
      source: 'openai/grade-school-math test set (example_model_solutions.jsonl)',
      line: i + 1,
      solution: r.ground_truth,
      is_correct: Object.fromEntries(MODELS.map((m) => [m, r[m].is_correct])),
    },
    candidates: MODELS.map((m) => ({ content: r[m].solution, model: m })),
  });
});
const target = path.join(path.dirname(new URL(import.meta.url).pathname), 'gsm8k-demo.jsonl');
fs.writeFileSync(target, `${out.join('\n')}\n`);
console.log(`wrote ${out.length} prompts to ${target}`);
