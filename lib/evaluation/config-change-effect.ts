// What a config change does to an evaluator's stored scores. Pure.
//   none         the config means the same (after defaults): nothing happens
//   renormalize  only the mapping to 0..1 changed: value is re-derived from each score's raw value
//                (an `imported` evaluator: any change — its scores came with the file and cannot be
//                computed again; a reward model: only `normalize` changed)
//   rescore      anything else: this evaluator's scores (only) are deleted and the judge re-scores them

export type ConfigChangeEffect = 'none' | 'renormalize' | 'rescore';

const withoutNormalize = (c: unknown) => (c && typeof c === 'object' && !Array.isArray(c) ? { ...(c as Record<string, unknown>), normalize: undefined } : c);

/** `before` is the stored config parsed with the kind's schema (null when it no longer parses); `next` the new one, parsed. */
export function configChangeEffect(kind: string, before: unknown, next: unknown): ConfigChangeEffect {
  if (before !== null && JSON.stringify(before) === JSON.stringify(next)) return 'none';
  if (kind === 'imported') return 'renormalize';
  if (kind === 'reward-model' && before !== null && JSON.stringify(withoutNormalize(before)) === JSON.stringify(withoutNormalize(next))) return 'renormalize';
  return 'rescore';
}
