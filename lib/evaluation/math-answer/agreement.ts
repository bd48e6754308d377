// How often verifyMathAnswer agrees with human/reference labels, on rows of the shared datasets
// (parsed by the caller: no I/O here). Used by the unit test and lib/bench/verify.ts.
import { verifyMathAnswer, type MathVerdict } from './verify-math-answer';

export interface LabelledCase {
  id: string;
  candidate: string;
  reference: string;
  /** Whether the candidate's answer is correct, per the dataset. */
  label: boolean;
}

export interface Disagreement extends LabelledCase {
  verdict: MathVerdict;
}

export interface Agreement {
  total: number;
  agreement: number;
  disagreements: Disagreement[];
}

/** gsm8k/example_model_solutions.jsonl: 4 GPT-3 solutions per problem, each with `is_correct`. */
export interface Gsm8kSolutionsRow {
  question: string;
  ground_truth: string;
  [generator: string]: unknown;
}

export const GSM8K_GENERATORS = ['6b_finetuning', '6b_verification', '175b_finetuning', '175b_verification'] as const;

export function gsm8kCases(rows: Gsm8kSolutionsRow[]): LabelledCase[] {
  return rows.flatMap((row, i) =>
    GSM8K_GENERATORS.map((generator) => {
      const { solution, is_correct } = row[generator] as { solution: string; is_correct: boolean };
      return { id: `gsm8k#${i + 1}/${generator}`, candidate: solution, reference: row.ground_truth, label: is_correct };
    }),
  );
}

/** math500/test.jsonl: the worked `solution` must be judged equal to the stated `answer`. */
export interface Math500Row {
  solution: string;
  answer: string;
  unique_id: string;
}

export function math500Cases(rows: Math500Row[]): LabelledCase[] {
  return rows.map((row) => ({ id: row.unique_id, candidate: row.solution, reference: row.answer, label: true }));
}

export function measureAgreement(cases: LabelledCase[]): Agreement {
  const disagreements: Disagreement[] = [];
  for (const c of cases) {
    const verdict = verifyMathAnswer(c.candidate, c.reference);
    if (verdict.passed !== c.label) disagreements.push({ ...c, verdict });
  }
  const total = cases.length;
  return { total, agreement: total ? (total - disagreements.length) / total : 1, disagreements };
}
