// Word shingles and a small deterministic MinHash. Shingles are hashed to 32 bits (FNV-1a); each of
// the k MinHash functions is the murmur3 finaliser of (shingle hash XOR a fixed seed), so the same
// text gives the same signature in every process and release. Pure; no dependency needed for the
// few dozen candidates of one prompt.

/** Lower-cased words (letters and digits of any script). */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** FNV-1a over UTF-16 code units. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hashes of the k-word shingles; a text shorter than k words is one shingle; no words → empty. */
export function shingleSet(text: string, k: number): Set<number> {
  const w = words(text);
  const out = new Set<number>();
  if (w.length === 0) return out;
  if (w.length <= k) {
    out.add(hash32(w.join(' ')));
    return out;
  }
  for (let i = 0; i + k <= w.length; i++) out.add(hash32(w.slice(i, i + k).join(' ')));
  return out;
}

/** |a ∩ b| / |a ∪ b|; 0 when both are empty (no words: nothing to call similar). */
export function jaccard(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const seedCache = new Map<number, Uint32Array>();

/** k fixed seeds (mulberry32 from a constant): part of the signature's definition, never random. */
export function minhashSeeds(k: number): Uint32Array {
  let seeds = seedCache.get(k);
  if (seeds) return seeds;
  seeds = new Uint32Array(k);
  let a = 0x5eed1e55;
  for (let i = 0; i < k; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    seeds[i] = (t ^ (t >>> 14)) >>> 0;
  }
  seedCache.set(k, seeds);
  return seeds;
}

export function minhashSignature(shingles: ReadonlySet<number>, k: number): Uint32Array {
  const seeds = minhashSeeds(k);
  const sig = new Uint32Array(k).fill(0xffffffff);
  for (const x of shingles) {
    for (let i = 0; i < k; i++) {
      const h = fmix32(x ^ seeds[i]);
      if (h < sig[i]) sig[i] = h;
    }
  }
  return sig;
}

/** Share of equal positions: an unbiased estimate of the Jaccard similarity of the two sets. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}
