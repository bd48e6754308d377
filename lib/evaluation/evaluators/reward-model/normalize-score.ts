// Maps a reward model's raw score to 0..1. Pure. Non-finite input or (for "none") a value outside
// 0..1 is an error, not a clamp: a mis-set normalisation should be seen, not silently saturate.
import type { NormalizeConfig } from './config';

export type Normalized = { ok: true; value: number } | { ok: false; error: string };

export function normalizeScore(x: unknown, n: NormalizeConfig): Normalized {
  if (typeof x !== 'number' || !Number.isFinite(x)) return { ok: false, error: `the reward model returned ${JSON.stringify(x) ?? 'nothing'} instead of a number` };
  if (n.kind === 'sigmoid') return { ok: true, value: 1 / (1 + Math.exp(-(x - n.center) / n.temperature)) };
  if (n.kind === 'min-max') return { ok: true, value: Math.min(1, Math.max(0, (x - n.min) / (n.max - n.min))) };
  if (x < 0 || x > 1) return { ok: false, error: `score ${x} is outside 0..1; set normalize to sigmoid or min-max` };
  return { ok: true, value: x };
}
