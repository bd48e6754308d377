// What a whole-dataset re-derivation changes in the Insight summaries (lib/insight/sql/summaries.sql),
// computed from the verdict each candidate had (read with it) and the one written, so the verdict
// batches can append these deltas in their own transactions instead of the summary triggers (which
// doubled the database's work) or a full insight_rebuild at the end (~10 s at 1 M candidates, with
// the candidates, scores and decisions tables locked against every writer).
//
// The threshold bins, reviewed cells and histograms are appended as computed here. The cost cells
// come from the candidate UPDATE itself (its RETURNING old/new final status, with the tokens and cost
// it does not read), and the yield state is upserted with the first passing sample computed here,
// its cells following the rows' real old and new values (verdict-writer.ts). Exact while nothing else
// changes the candidates' final status or scores in between: a batch that finds a candidate decided
// (review_version) or deleted since it was read is written again without that candidate's prompt,
// deltas included, and the prompt is derived again later with the summary triggers on; score writers
// take the dataset's re-derivation lock (process-judge-job.ts, manage-evaluators.ts).
import { aggregateBin, histBin, rankKey } from '../../insight/summary-keys';
import { verdictClass } from '../../insight/verdict-class';

export interface VerdictState {
  autoVerdict: string;
  reason: string | null;
  rank: number | null;
  aggregate: number | null;
  finalStatus: string;
}

export interface DeltaCandidate {
  runId: number;
  sampleIndex: number;
  /** The curator's decision (approved/rejected): decided candidates are in the reviewed cells, the others in the bins. */
  decision: string | null;
  scores: ReadonlyMap<number, { value: number | null; error?: string | null }>;
  old: VerdictState;
  next: VerdictState;
}

const CLS = { other: 0, eligible: 1, below: 2 } as const;
const cls = (s: VerdictState) => CLS[verdictClass(s.autoVerdict, s.reason)];

/** Signed counts by key (tab-separated fields); zero sums dropped when taken. */
class Cells {
  private readonly m = new Map<string, number>();
  add(key: string, sign: number) {
    this.m.set(key, (this.m.get(key) ?? 0) + sign);
  }
  /** Non-zero cells as columns: one array per key field (numbers where `numeric`), then the counts. */
  take(numeric: boolean[]): { fields: (string | number)[][]; n: number[] } {
    const fields = numeric.map(() => [] as (string | number)[]);
    const n: number[] = [];
    for (const [k, v] of this.m) {
      if (v === 0) continue;
      k.split('\t').forEach((f, i) => fields[i].push(numeric[i] ? Number(f) : f));
      n.push(v);
    }
    this.m.clear();
    return { fields, n };
  }
}

/**
 * Signed counts keyed by two integers, packed into one number while they are small (no string per
 * count: the histograms take four counts per candidate whose status changes, a million at 1 M
 * candidates); others (values far outside 0..1 that a raw import may hold) under a string key.
 */
class PairCells {
  private readonly m = new Map<number, number>();
  private readonly wide = new Map<string, number>();
  add(hi: number, lo: number, sign: number) {
    if (Math.abs(hi) < 2 ** 20 && lo >= 0 && lo < 2 ** 32) {
      const key = (hi + 2 ** 20) * 2 ** 32 + lo;
      this.m.set(key, (this.m.get(key) ?? 0) + sign);
    } else {
      const key = `${hi} ${lo}`;
      this.wide.set(key, (this.wide.get(key) ?? 0) + sign);
    }
  }
  take(): { hi: number[]; lo: number[]; n: number[] } {
    const out = { hi: [] as number[], lo: [] as number[], n: [] as number[] };
    const push = (hi: number, lo: number, n: number) => {
      if (n === 0) return;
      out.hi.push(hi);
      out.lo.push(lo);
      out.n.push(n);
    };
    for (const [k, v] of this.m) push(Math.floor(k / 2 ** 32) - 2 ** 20, k % 2 ** 32, v);
    for (const [k, v] of this.wide) push(...(k.split(' ').map(Number) as [number, number]), v);
    this.m.clear();
    this.wide.clear();
    return out;
  }
}

const FINAL_STATUSES = ['pending', 'accepted', 'rejected', 'approved'];
function statusIndex(s: string) {
  const i = FINAL_STATUSES.indexOf(s);
  if (i < 0) throw new Error(`unknown final status ${s}`);
  return i;
}

/** Histogram cells: (bin, status) packed in the small half, the evaluator id in the large one. */
class HistCells {
  private readonly cells = new PairCells();
  add(evaluatorId: number, bin: number, status: string, sign: number) {
    this.cells.add(bin * 8 + statusIndex(status), evaluatorId, sign);
  }
  take(): { evaluator: number[]; bin: number[]; status: string[]; n: number[] } {
    const t = this.cells.take();
    return { evaluator: t.lo, bin: t.hi.map((h) => Math.floor(h / 8)), status: t.hi.map((h) => FINAL_STATUSES[((h % 8) + 8) % 8]), n: t.n };
  }
}

/** Threshold-bin cells: (aggregate bin, rank key). */
class BinCells {
  private readonly cells = new PairCells();
  add(bin: number, rank: number, sign: number) {
    this.cells.add(bin, rank, sign);
  }
  take(): { bin: number[]; rank: number[]; n: number[] } {
    const t = this.cells.take();
    return { bin: t.hi, rank: t.lo, n: t.n };
  }
}

interface YieldRows {
  pairs: { prompt: number[]; run: number[]; firstPass: (number | null)[]; maxIndex: number[] };
  prompts: { prompt: number[]; firstPass: (number | null)[]; maxIndex: number[] };
}

const minPass = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));

export class SummaryDeltas {
  private readonly bins = new BinCells();
  /** auto verdict, decision, class, rank key, aggregate bin. */
  private readonly reviewed = new Cells();
  private readonly hist = new HistCells();
  private y: YieldRows = emptyYield();

  /** Every candidate of one prompt, unchanged ones included (the first passing sample needs them all). */
  addPrompt(promptId: number, candidates: readonly DeltaCandidate[]) {
    const runs = new Map<number, { old: number | null; next: number | null; max: number }>();
    for (const c of candidates) {
      const oldCls = cls(c.old);
      const nextCls = cls(c.next);
      if (!sameState(c.old, c.next)) {
        this.addCells(c, c.old, oldCls, -1);
        this.addCells(c, c.next, nextCls, 1);
      }
      const r = runs.get(c.runId) ?? { old: null, next: null, max: -1 };
      if (oldCls === 1) r.old = minPass(r.old, c.sampleIndex);
      if (nextCls === 1) r.next = minPass(r.next, c.sampleIndex);
      r.max = Math.max(r.max, c.sampleIndex);
      runs.set(c.runId, r);
    }
    let old: number | null = null;
    let next: number | null = null;
    let max = -1;
    // By run id: with the prompts in ascending order, the rows are locked in key order, as the
    // summary triggers of a concurrent writer lock them.
    for (const [runId, r] of runs.size > 1 ? [...runs].sort((a, b) => a[0] - b[0]) : runs) {
      if (r.old !== r.next) {
        this.y.pairs.prompt.push(promptId);
        this.y.pairs.run.push(runId);
        this.y.pairs.firstPass.push(r.next);
        this.y.pairs.maxIndex.push(r.max);
      }
      old = minPass(old, r.old);
      next = minPass(next, r.next);
      max = Math.max(max, r.max);
    }
    if (old !== next) {
      this.y.prompts.prompt.push(promptId);
      this.y.prompts.firstPass.push(next);
      this.y.prompts.maxIndex.push(max);
    }
  }

  /** Everything collected since the last call, as columns to write; the yield rows in key order (prompt, then run). */
  take() {
    const y = this.y;
    this.y = emptyYield();
    return { bins: this.bins.take(), reviewed: this.reviewed.take([false, false, true, true, true]), hist: this.hist.take(), yield: y };
  }

  private addCells(c: DeltaCandidate, s: VerdictState, k: number, sign: number) {
    if (c.decision === null) {
      if (s.aggregate !== null && (k === 1 || k === 2)) this.bins.add(aggregateBin(s.aggregate), rankKey(s.rank), sign);
    } else {
      this.reviewed.add(`${s.autoVerdict}\t${c.decision}\t${k}\t${rankKey(s.rank)}\t${s.aggregate === null ? -1 : aggregateBin(s.aggregate)}`, sign);
    }
    if (c.old.finalStatus === c.next.finalStatus) return;
    for (const [evaluatorId, score] of c.scores) {
      if (score.value !== null && score.error == null) this.hist.add(evaluatorId, histBin(score.value), s.finalStatus, sign);
    }
  }
}

function sameState(a: VerdictState, b: VerdictState) {
  return a.autoVerdict === b.autoVerdict && a.reason === b.reason && a.rank === b.rank && a.aggregate === b.aggregate && a.finalStatus === b.finalStatus;
}

function emptyYield(): YieldRows {
  return { pairs: { prompt: [], run: [], firstPass: [], maxIndex: [] }, prompts: { prompt: [], firstPass: [], maxIndex: [] } };
}
