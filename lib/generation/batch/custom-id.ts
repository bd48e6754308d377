// custom_id of a Batch API line: which run, prompt and samples it answers. `r12.p345.s0.n8` asks for
// samples 0..7 of prompt 345 of run 12 in one request (n=8); `r12.p345.s3.n1` for sample 3 alone.

export interface BatchLineKey {
  runId: number;
  promptId: number;
  firstSample: number;
  count: number;
}

export function formatCustomId(k: BatchLineKey): string {
  return `r${k.runId}.p${k.promptId}.s${k.firstSample}.n${k.count}`;
}

export function parseCustomId(id: string): BatchLineKey | null {
  const m = /^r(\d+)\.p(\d+)\.s(\d+)\.n(\d+)$/.exec(id);
  if (!m) return null;
  const k = { runId: Number(m[1]), promptId: Number(m[2]), firstSample: Number(m[3]), count: Number(m[4]) };
  return k.count >= 1 ? k : null;
}

/**
 * Lines for the missing samples of one prompt: one request with n = count when the endpoint honours
 * n and the missing samples are one contiguous range, else one request per sample.
 */
export function planLines(runId: number, promptId: number, missing: number[], supportsN: boolean): BatchLineKey[] {
  if (!missing.length) return [];
  const sorted = [...missing].sort((a, b) => a - b);
  const contiguous = sorted.every((s, i) => s === sorted[0]! + i);
  if (supportsN && contiguous && sorted.length > 1) return [{ runId, promptId, firstSample: sorted[0]!, count: sorted.length }];
  return sorted.map((s) => ({ runId, promptId, firstSample: s, count: 1 }));
}
