import { z } from 'zod';

/**
 * The acceptance policy stored in `Dataset.policy`. Every field has a default, so `{}` is a valid
 * policy. Unknown keys are refused: a typo such as `treshold` would otherwise be silently ignored.
 */
export const policySchema = z.strictObject({
  /** Minimum aggregate score (0..1) for auto-acceptance; equal counts as passing. */
  threshold: z
    .number({ error: 'must be a number' })
    .min(0, { error: 'must be between 0 and 1' })
    .max(1, { error: 'must be between 0 and 1' })
    .default(0.5),
  /** Accept at most this many candidates per prompt; 0 = no cap. */
  topK: z
    .number({ error: 'must be a whole number ≥ 0' })
    .int({ error: 'must be a whole number ≥ 0' })
    .min(0, { error: 'must be a whole number ≥ 0' })
    .default(1),
  /** Evaluator names that act as gates, or 'all' = every evaluator whose role is gate. */
  gates: z
    .union([z.literal('all'), z.array(z.string().trim().min(1, { error: 'gate names must not be empty' }))], {
      error: `must be "all" or a list of evaluator names`,
    })
    .default('all')
    .transform((g) => (g === 'all' ? g : [...new Set(g)])),
  /** When true, a candidate without any aggregate score is rejected instead of judged on gates only. */
  requireScore: z.boolean({ error: 'must be true or false' }).default(false),
  /** Never accept two exact duplicates of one prompt. */
  dedupe: z.boolean({ error: 'must be true or false' }).default(true),
  /** A judge score ≥ this "says good" (used only for the gate-judge-disagree flag). */
  judgeAgreeThreshold: z
    .number({ error: 'must be a number' })
    .min(0, { error: 'must be between 0 and 1' })
    .max(1, { error: 'must be between 0 and 1' })
    .default(0.5),
}, { error: 'must be a JSON object' });

export type Policy = z.output<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;

export const DEFAULT_POLICY: Policy = Object.freeze(policySchema.parse({})) as Policy;

export class PolicyError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]>,
  ) {
    super(message);
    this.name = 'PolicyError';
  }
}

export type PolicyParseResult =
  | { ok: true; policy: Policy }
  | { ok: false; message: string; fieldErrors: Record<string, string[]> };

/** Parses the `Dataset.policy` JSON column (null/undefined = defaults). Never throws. */
export function safeParsePolicy(json: unknown): PolicyParseResult {
  const parsed = policySchema.safeParse(json ?? {});
  if (parsed.success) return { ok: true, policy: parsed.data };
  const fieldErrors: Record<string, string[]> = {};
  const lines: string[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        (fieldErrors[key] ??= []).push('unknown policy field');
        lines.push(`policy.${key}: unknown field`);
      }
      continue;
    }
    const field = issue.path.map(String).join('.') || '(policy)';
    (fieldErrors[field] ??= []).push(issue.message);
    lines.push(field === '(policy)' ? `policy: ${issue.message}` : `policy.${field}: ${issue.message}`);
  }
  return { ok: false, message: `Invalid acceptance policy: ${lines.join('; ')}`, fieldErrors };
}

/** Like safeParsePolicy, but throws a PolicyError naming every bad field. */
export function parsePolicy(json: unknown): Policy {
  const r = safeParsePolicy(json);
  if (!r.ok) throw new PolicyError(r.message, r.fieldErrors);
  return r.policy;
}
