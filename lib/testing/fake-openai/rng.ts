// Seeded randomness for the fake server. Everything the fake "decides" (which fault, which wording,
// right or wrong answer, jitter) comes from here, so a run with the same seed replays exactly.

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** 32-bit FNV-1a: cheap, stable across runs and platforms (unlike Math.random or object hashing). */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a tiny PRNG with good enough statistics for test data. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator determined by any mix of parts, e.g. rngFor(seed, promptText, choiceIndex). */
export function rngFor(...parts: Array<string | number | null | undefined>): Rng {
  return mulberry32(hashString(parts.map((p) => String(p ?? '')).join('\u0000')));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length) % items.length]!;
}

/** Integer in [min, max], inclusive. */
export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}
