// Exact and near-duplicates within one prompt. Candidates are taken in sample order; each one is
// compared with the group leaders found so far (the first, lowest-sampleIndex candidate of each group)
// and joins the most similar leader it duplicates, else leads a new group. Every duplicate therefore
// points at a leader — never at another duplicate — which is the star shape the policy's "duplicates
// never both accepted" check reads (lib/evaluation/policy/derive-verdicts.ts). MinHash estimates
// decide which pairs are worth an exact Jaccard; the decision itself uses the exact value.
import { estimateJaccard, jaccard, minhashSignature, shingleSet } from './minhash';

export interface DedupeItem {
  id: number;
  sampleIndex: number;
  runId: number;
  content: string;
  contentHash: string;
}

export interface DuplicateAssignment {
  id: number;
  /** The group leader this candidate duplicates; null for a leader. */
  duplicateOf: number | null;
  how: 'exact' | 'near' | null;
  /** Exact word-shingle Jaccard with the leader (1 for exact duplicates). */
  jaccard: number | null;
  /** Leaders only: the candidates that duplicate it, in sample order. */
  duplicates: number[];
}

export interface DedupeOptions {
  threshold: number;
  shingleSize: number;
  numHashes: number;
  near: boolean;
}

/** How far below the threshold a MinHash estimate may fall and still earn an exact check (~5σ at 128 hashes). */
const ESTIMATE_MARGIN = 0.15;

export function sampleOrder(a: DedupeItem, b: DedupeItem): number {
  return a.sampleIndex - b.sampleIndex || a.runId - b.runId || a.id - b.id;
}

interface Leader {
  out: DuplicateAssignment;
  shingles: Set<number>;
  signature: Uint32Array;
}

/** One assignment per item, in the items' sample order. */
export function findDuplicates(items: readonly DedupeItem[], o: DedupeOptions): DuplicateAssignment[] {
  const sorted = [...items].sort(sampleOrder);
  const byHash = new Map<string, DuplicateAssignment>();
  const leaders: Leader[] = [];
  const out: DuplicateAssignment[] = [];
  for (const c of sorted) {
    const a: DuplicateAssignment = { id: c.id, duplicateOf: null, how: null, jaccard: null, duplicates: [] };
    out.push(a);
    const same = byHash.get(c.contentHash);
    if (same) {
      a.duplicateOf = same.id;
      a.how = 'exact';
      a.jaccard = 1;
      same.duplicates.push(c.id);
      continue;
    }
    const shingles = o.near ? shingleSet(c.content, o.shingleSize) : new Set<number>();
    const signature = o.near ? minhashSignature(shingles, o.numHashes) : new Uint32Array(0);
    let best: Leader | null = null;
    let bestJ = 0;
    if (o.near && shingles.size > 0) {
      for (const l of leaders) {
        if (l.shingles.size === 0 || estimateJaccard(signature, l.signature) < o.threshold - ESTIMATE_MARGIN) continue;
        const j = jaccard(shingles, l.shingles);
        if (j >= o.threshold && j > bestJ) {
          best = l;
          bestJ = j;
        }
      }
    }
    if (best) {
      a.duplicateOf = best.out.id;
      a.how = 'near';
      a.jaccard = bestJ;
      best.out.duplicates.push(c.id);
      // An exact copy of this near-duplicate belongs to the same leader.
      byHash.set(c.contentHash, best.out);
      continue;
    }
    byHash.set(c.contentHash, a);
    leaders.push({ out: a, shingles, signature });
  }
  return out;
}
