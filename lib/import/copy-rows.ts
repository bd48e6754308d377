// COPY rows (CSV) for the tables an import fills. Pure: ids come from the caller (reserved from the
// sequences up front), so a candidate row can name its prompt and a score row its candidate.
import { hashContent } from '../candidates/hash-content';
import { csvField as f } from './copy-csv';
import type { NormalizedCandidate, NormalizedRecord } from './types';

export const PROMPT_COLUMNS = '(id, dataset_id, external_id, messages, search_text, reference, metadata)';
export const CANDIDATE_COLUMNS = '(id, dataset_id, prompt_id, run_id, sample_index, content, model, content_hash)';
export const SCORE_COLUMNS = '(candidate_id, evaluator_id, value)';

export function promptRow(id: number, datasetId: number, r: NormalizedRecord): string {
  return `${id},${datasetId},${f(r.externalId)},${f(r.messagesJson)},${f(r.searchText)},${f(r.referenceJson)},${f(r.metadataJson)}\n`;
}

export function candidateRow(id: number, datasetId: number, promptId: number, runId: number, sampleIndex: number, c: NormalizedCandidate): string {
  return `${id},${datasetId},${promptId},${runId},${sampleIndex},${f(c.content)},${f(c.model)},${hashContent(c.content)}\n`;
}

export function scoreRow(candidateId: number, evaluatorId: number, value: number): string {
  // String(n) round-trips a double exactly, and float8 input accepts its exponent form (1e+21).
  return `${candidateId},${evaluatorId},${value}\n`;
}
