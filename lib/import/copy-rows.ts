// COPY rows for the tables an import fills: prompts and candidates in binary format (binary-copy.ts
// says why), scores (few) in CSV. Pure: ids come from the caller (reserved from the sequences up
// front), so a candidate row can name its prompt and a score row its candidate.
import { hashContent } from '../candidates/hash-content';
import { textBytes, type BinaryCopyBuffer } from './binary-copy';
import { csvField as f } from './copy-csv';
import type { NormalizedCandidate, NormalizedRecord } from './types';

export const PROMPT_COLUMNS = '(id, dataset_id, external_id, messages, search_text, reference, metadata)';
export const CANDIDATE_COLUMNS = '(id, dataset_id, prompt_id, run_id, sample_index, content, model, content_hash)';
export const SEARCH_COLUMNS = '(prompt_id, dataset_id, text)';
export const SCORE_COLUMNS = '(candidate_id, evaluator_id, value, raw_value, error)';

/** One prompts row (PROMPT_COLUMNS, binary). */
export function addPromptRow(out: BinaryCopyBuffer, id: number, datasetId: number, r: NormalizedRecord) {
  const max = 16 + textBytes(r.externalId) + textBytes(r.messagesJson) + 1 + textBytes(r.searchText) + textBytes(r.referenceJson) + 1 + textBytes(r.metadataJson) + 1;
  out.row(7, max).int4(id).int4(datasetId).text(r.externalId).jsonb(r.messagesJson).text(r.searchText).jsonb(r.referenceJson).jsonb(r.metadataJson).end();
}

/** One prompt_search row (SEARCH_COLUMNS, binary): the prompt's search text, as in its prompts row. */
export function addSearchRow(out: BinaryCopyBuffer, promptId: number, datasetId: number, r: NormalizedRecord) {
  out.row(3, 16 + textBytes(r.searchText)).int4(promptId).int4(datasetId).text(r.searchText).end();
}

/** One candidates row (CANDIDATE_COLUMNS, binary). */
export function addCandidateRow(out: BinaryCopyBuffer, id: number, datasetId: number, promptId: number, runId: number, sampleIndex: number, c: NormalizedCandidate) {
  const hash = hashContent(c.content);
  const max = 40 + textBytes(c.content) + textBytes(c.model) + textBytes(hash);
  out.row(8, max).int4(id).int4(datasetId).int4(promptId).int4(runId).int4(sampleIndex).text(c.content).text(c.model).text(hash).end();
}

/** `raw` is the imported number; `n` its normalised value (0..1) or the error (lib/evaluation/evaluators/imported). */
export function scoreRow(candidateId: number, evaluatorId: number, raw: number, n: { value: number | null; error: string | null } = { value: raw, error: null }): string {
  // String(n) round-trips a double exactly, and float8 input accepts its exponent form (1e+21).
  return `${candidateId},${evaluatorId},${f(n.value)},${raw},${f(n.error)}\n`;
}
