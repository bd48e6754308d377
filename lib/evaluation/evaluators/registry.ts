// kind → EvaluatorDefinition. The engine (lib/evaluation/judge) and manage-evaluators look kinds up
// here and never interpret a kind themselves. Add a kind: implement EvaluatorDefinition (types.ts)
// in its own file and list it below.
import { codeTestsEvaluator } from './gates/code-tests';
import { containsEvaluator } from './gates/contains';
import { exactEvaluator } from './gates/exact';
import { jsonSchemaEvaluator } from './gates/json-schema';
import { lengthEvaluator } from './gates/length';
import { mathAnswerEvaluator } from './gates/math-answer';
import { regexEvaluator } from './gates/regex';
import type { EvaluatorDefinition, EvaluatorKind } from './types';
// ── lane B2 (llm-judge, reward-model, imported, dedupe): add your imports here ──────────────────
import { dedupeEvaluator, importedEvaluator, llmJudgeEvaluator, rewardModelEvaluator } from './model-kinds';
// ─────────────────────────────────────────────────────────────────────────────────────────────

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry has its own config type
type AnyDefinition = EvaluatorDefinition<any>;

const definitions: Partial<Record<EvaluatorKind, AnyDefinition>> = {
  'math-answer': mathAnswerEvaluator,
  exact: exactEvaluator,
  contains: containsEvaluator,
  regex: regexEvaluator,
  'json-schema': jsonSchemaEvaluator,
  length: lengthEvaluator,
  'code-tests': codeTestsEvaluator,
  // ── lane B2: register your kinds here ──
  'llm-judge': llmJudgeEvaluator,
  'reward-model': rewardModelEvaluator,
  imported: importedEvaluator,
  dedupe: dedupeEvaluator,
};

export function getEvaluatorDefinition(kind: string): AnyDefinition | null {
  return Object.hasOwn(definitions, kind) ? (definitions[kind as EvaluatorKind] ?? null) : null;
}

/** The kinds this build can run, in registry order. */
export function registeredKinds(): EvaluatorKind[] {
  return Object.keys(definitions) as EvaluatorKind[];
}

export type ConfigParseResult = { ok: true; config: unknown } | { ok: false; message: string; fieldErrors: Record<string, string[]> };

/** Parses an evaluator's config JSON with its kind's schema; errors name the field ("config.pattern: …"). */
export function parseEvaluatorConfig(kind: string, config: unknown): ConfigParseResult {
  const def = getEvaluatorDefinition(kind);
  if (!def) return { ok: false, message: `Unknown evaluator kind "${kind}" (known: ${registeredKinds().join(', ')})`, fieldErrors: { kind: ['unknown kind'] } };
  const parsed = def.configSchema.safeParse(config ?? {});
  if (parsed.success) return { ok: true, config: parsed.data };
  const fieldErrors: Record<string, string[]> = {};
  const lines: string[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        (fieldErrors[`config.${key}`] ??= []).push('unknown field');
        lines.push(`config.${key}: unknown field`);
      }
      continue;
    }
    const field = ['config', ...issue.path.map(String)].join('.');
    (fieldErrors[field] ??= []).push(issue.message);
    lines.push(`${field}: ${issue.message}`);
  }
  return { ok: false, message: `Invalid ${kind} config: ${lines.join('; ')}`, fieldErrors };
}
