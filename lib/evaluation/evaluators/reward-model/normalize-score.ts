// Maps a raw score (a reward model's answer, or a score imported with the candidates) to 0..1. Pure.
// Shared by the reward-model and imported kinds, in JavaScript (when a score is written) and in SQL
// (normalizeSql: re-normalising stored raw values when the config changes). Non-finite input or, for
// "none", a value outside 0..1 is an error, not a clamp: a mis-set normalisation should be seen, not
// silently saturate.
import { z } from 'zod';

const kinds = [
  /** 1 / (1 + e^(−(x − center) / temperature)): for logits (reward models). */
  z.strictObject({
    kind: z.literal('sigmoid'),
    center: z.number({ error: 'must be a number' }).default(0),
    temperature: z.number({ error: 'must be a number' }).gt(0, 'must be greater than 0').default(1),
  }),
  /** (x − min) / (max − min), clamped to 0..1: for a known range such as 1..10 or −5..5. */
  z
    .strictObject({ kind: z.literal('min-max'), min: z.number({ error: 'must be a number' }), max: z.number({ error: 'must be a number' }) })
    .refine((n) => n.max > n.min, { message: 'must be greater than min', path: ['max'] }),
  /** The score is already 0..1; anything else is an error. */
  z.strictObject({ kind: z.literal('none') }),
] as const;

/** Shorthands: "sigmoid" / "none" / "min-max" alone, and {min, max} without a kind. */
function expand(v: unknown): unknown {
  if (typeof v === 'string') return { kind: v };
  if (v && typeof v === 'object' && !Array.isArray(v) && !('kind' in v) && 'min' in v && 'max' in v) return { kind: 'min-max', ...v };
  return v;
}

export const normalizeSchema = z.preprocess(
  expand,
  z.discriminatedUnion('kind', kinds, { error: 'must be "sigmoid", "none", {"kind": "sigmoid", "center": …, "temperature": …} or {"min": …, "max": …}' }),
);

export type NormalizeConfig = z.output<typeof normalizeSchema>;
export type Normalized = { ok: true; value: number } | { ok: false; error: string };

/** Who produced the number, for error messages. */
export type ScoreSource = 'reward-model' | 'imported';

const OUT_OF_RANGE_HINT = ` is outside 0..1: set the evaluator's config.normalize (e.g. {"kind": "min-max", "min": -5, "max": 5} or "sigmoid")`;
const subject = (source: ScoreSource) => (source === 'imported' ? 'imported score' : 'the reward model returned');

/** The error text for a raw value outside 0..1 under "none" (the same text normalizeSql writes). */
export function outOfRangeError(x: number, source: ScoreSource): string {
  return `${source === 'imported' ? 'imported score' : 'reward model score'} ${x}${OUT_OF_RANGE_HINT}`;
}

export function normalizeScore(x: unknown, n: NormalizeConfig, source: ScoreSource = 'reward-model'): Normalized {
  if (typeof x !== 'number' || !Number.isFinite(x)) return { ok: false, error: `${subject(source)} ${JSON.stringify(x) ?? 'nothing'} instead of a number` };
  if (n.kind === 'sigmoid') return { ok: true, value: 1 / (1 + Math.exp(-(x - n.center) / n.temperature)) };
  if (n.kind === 'min-max') return { ok: true, value: Math.min(1, Math.max(0, (x - n.min) / (n.max - n.min))) };
  if (x < 0 || x > 1) return { ok: false, error: outOfRangeError(x, source) };
  return { ok: true, value: x };
}

/** A number as an SQL float8 literal (config numbers are finite: zod's number rejects ±Infinity and NaN). */
const lit = (x: number) => {
  if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
  return `(${String(x)})::float8`;
};

/**
 * The same mapping as normalizeScore, as SQL over the column `raw_value` (finite by construction):
 * `value` and `error` expressions. exp() is clamped to ±700 because PostgreSQL raises on overflow
 * and underflow where JavaScript returns Infinity / 0 (the result differs by < 1e-300).
 */
export function normalizeSql(n: NormalizeConfig, source: ScoreSource): { value: string; error: string; params: string[] } {
  if (n.kind === 'sigmoid') return { value: `1 / (1 + exp(least(700, greatest(-700, -(raw_value - ${lit(n.center)}) / ${lit(n.temperature)}))))`, error: 'NULL::text', params: [] };
  if (n.kind === 'min-max') return { value: `least(1, greatest(0, (raw_value - ${lit(n.min)}) / ${lit(n.max - n.min)}))`, error: 'NULL::text', params: [] };
  const inRange = 'raw_value BETWEEN 0 AND 1';
  const prefix = source === 'imported' ? 'imported score ' : 'reward model score ';
  return { value: `CASE WHEN ${inRange} THEN raw_value END`, error: `CASE WHEN ${inRange} THEN NULL ELSE $P1 || raw_value::text || $P2 END`, params: [prefix, OUT_OF_RANGE_HINT] };
}
