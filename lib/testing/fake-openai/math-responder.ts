// GSM8K-style answers: a short worked solution ending in "A: <n>", right with probability `accuracy`.
// Wrong answers are plausible (off by a step, doubled, halved …) so answer-matching evaluators and
// majority voting have realistic material to work on.
import type { Responder } from './responder';
import { intBetween, pick, rngFor, type Rng } from './rng';

const NUMBER = /-?\d[\d,]*(?:\.\d+)?/g;
const QUESTION_WORDS = /\b(how (many|much|long|far|old|often)|what (is|was) the|calculate|altogether|in total|in all|left over|remain)\b/i;

export function looksLikeMathProblem(text: string): boolean {
  return /\d/.test(text) && (text.includes('?') || QUESTION_WORDS.test(text));
}

export function numbersIn(text: string): number[] {
  return (text.match(NUMBER) ?? []).map((s) => Number(s.replace(/,/g, ''))).filter(Number.isFinite);
}

export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

/** Without a known answer the fake still needs a stable "truth" per prompt so samples can agree. */
export function pseudoTruth(prompt: string): string {
  const nums = numbersIn(prompt);
  if (nums.length === 0) return String(intBetween(rngFor('truth', prompt), 2, 99));
  if (nums.length === 1) return formatNumber(nums[0]! * 2);
  const [a, b] = nums as [number, number];
  return formatNumber(rngFor('truth', prompt)() < 0.5 ? a + b : a * b);
}

export function wrongAnswer(truth: string, prompt: string, rng: Rng): string {
  const t = Number(truth.replace(/,/g, ''));
  if (!Number.isFinite(t)) return String(intBetween(rng, 1, 100));
  const nums = numbersIn(prompt);
  const options = [t + 1, t - 1, t + intBetween(rng, 2, 10), t * 2, Math.round(t / 2), ...nums.map((x) => t + x), ...nums.map((x) => Math.abs(t - x))];
  const plausible = options.filter((x) => Number.isFinite(x) && x !== t && (t < 0 || x >= 0));
  return formatNumber(plausible.length ? pick(rng, plausible) : t + 1);
}

const OPENERS = [
  "Let's solve this step by step.",
  'We work through the problem carefully.',
  'Start by writing down what we know.',
  'Break the problem into smaller parts.',
  'First, identify the quantities involved.',
];
const CLOSERS = ['So the answer is', 'Therefore the result is', 'That gives', 'Putting it together, we get'];
const OPS: Array<[string, (a: number, b: number) => number]> = [
  ['+', (a, b) => a + b],
  ['-', (a, b) => a - b],
  ['*', (a, b) => a * b],
];

export const mathResponder: Responder = (ctx) => {
  const { rng, prompt } = ctx;
  // First draw decides right/wrong so the wording below cannot shift the accuracy.
  const correct = rng() < ctx.accuracy;
  const truth = ctx.answer ?? pseudoTruth(prompt);
  const final = correct ? truth : wrongAnswer(truth, prompt, rng);

  const lines = [pick(rng, OPENERS)];
  const nums = numbersIn(prompt).slice(0, 4);
  if (nums.length) lines.push(`The problem gives us ${nums.map(formatNumber).join(', ')}.`);
  const steps = Math.min(nums.length - 1, intBetween(rng, 1, 3));
  for (let i = 0; i < steps; i++) {
    const [sym, fn] = pick(rng, OPS);
    const a = nums[i]!;
    const b = nums[i + 1]!;
    lines.push(`${formatNumber(a)} ${sym} ${formatNumber(b)} = ${formatNumber(fn(a, b))}.`);
  }
  lines.push(`${pick(rng, CLOSERS)} ${final}.`, `A: ${final}`);
  return lines.join('\n');
};
