import { derivePromptVerdicts } from './derive-verdicts';
import type { PolicyPlan } from './prepare-policy';
import type { PolicyCandidate, PromptResult } from './types';

export interface CandidateRow extends PolicyCandidate {
  promptId: number;
}

export interface PromptOutcome extends PromptResult {
  promptId: number;
}

/**
 * Re-derives a whole dataset from candidate rows sorted by promptId ascending (`ORDER BY prompt_id`),
 * yielding one outcome per prompt as soon as its last row has been read. Only one prompt's rows are
 * held at a time, so memory stays flat however many rows stream through. Prompts without candidates
 * never appear; the caller resets their counters itself. Throws if the order is broken, because a
 * prompt split in two would be ranked twice and could accept k candidates in each half.
 */
export function* deriveDataset(plan: PolicyPlan, rows: Iterable<CandidateRow>): Generator<PromptOutcome, void, undefined> {
  const group = new PromptGrouper(plan);
  for (const row of rows) {
    const done = group.push(row);
    if (done) yield done;
  }
  const last = group.flush();
  if (last) yield last;
}

/** deriveDataset for async sources (a pg cursor, a COPY stream parsed into rows …). */
export async function* deriveDatasetAsync(
  plan: PolicyPlan,
  rows: AsyncIterable<CandidateRow> | Iterable<CandidateRow>,
): AsyncGenerator<PromptOutcome, void, undefined> {
  const group = new PromptGrouper(plan);
  for await (const row of rows) {
    const done = group.push(row);
    if (done) yield done;
  }
  const last = group.flush();
  if (last) yield last;
}

class PromptGrouper {
  private promptId: number | null = null;
  private rows: CandidateRow[] = [];

  constructor(private readonly plan: PolicyPlan) {}

  /** Adds a row; returns the previous prompt's outcome when this row starts a new prompt. */
  push(row: CandidateRow): PromptOutcome | null {
    if (this.promptId === null || row.promptId === this.promptId) {
      this.promptId = row.promptId;
      this.rows.push(row);
      return null;
    }
    if (row.promptId < this.promptId) {
      throw new Error(`Candidate rows must be sorted by promptId: got prompt ${row.promptId} after prompt ${this.promptId}`);
    }
    const done = this.flush();
    this.promptId = row.promptId;
    this.rows.push(row);
    return done;
  }

  flush(): PromptOutcome | null {
    if (this.promptId === null) return null;
    const result = derivePromptVerdicts(this.plan, this.rows);
    const outcome: PromptOutcome = { promptId: this.promptId, candidates: result.candidates, prompt: result.prompt };
    this.promptId = null;
    this.rows = [];
    return outcome;
  }
}
