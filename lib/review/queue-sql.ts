// SQL of the review queue's filter and order, shared by the page, the count, "next" (claim) and the
// bulk actions, so they always agree on which prompts are in the queue. Pure: text + params.
import { searchCondition } from '../prompts/filter-sql';
import { escapeLike } from '../prompts/schemas';
import type { QueueKey } from './queue-order';
import type { QueueFilter, QueueOrder } from './schemas';

export type Sql = { text: string; params: unknown[] };

/** Appends a parameter and returns its placeholder. */
export function bind(params: unknown[], value: unknown): string {
  params.push(value);
  return `$${params.length}`;
}

/** WHERE conditions on `prompts p` (and its candidates) for a dataset and a filter. */
export function queueWhere(datasetId: number, f: QueueFilter, params: unknown[]): string {
  const ds = bind(params, datasetId);
  const conds = [`p.dataset_id = ${ds}`];
  if (f.q) conds.push(searchCondition(ds, bind(params, `%${escapeLike(f.q)}%`)));
  if (f.reviewed === 'no') conds.push('p.reviewed_at IS NULL');
  if (f.reviewed === 'yes') conds.push('p.reviewed_at IS NOT NULL');
  const cand: string[] = [];
  const status = f.status === 'any' ? null : bind(params, f.status);
  if (status) cand.push(`c.final_status = ${status}::"FinalStatus"`);
  if (f.min !== undefined) cand.push(`c.aggregate >= ${bind(params, f.min)}`);
  if (f.max !== undefined) cand.push(`c.aggregate <= ${bind(params, f.max)}`);
  if (f.evaluator !== undefined) {
    cand.push(
      `EXISTS (SELECT 1 FROM scores s WHERE s.candidate_id = c.id AND s.evaluator_id = ${bind(params, f.evaluator)} AND s.passed = ${f.result === 'passed' ? 'true' : 'false'})`,
    );
  }
  // One candidate must meet every candidate-level condition (e.g. "a pending one scored 0.4–0.6").
  if (cand.length) conds.push(`EXISTS (SELECT 1 FROM candidates c WHERE c.prompt_id = p.id AND ${cand.join(' AND ')})`);
  // Implied conditions that let PostgreSQL skip most prompts cheaply (the set stays the same):
  // curator verdicts are few, so drive from decisions; an auto-accepted candidate means the
  // prompt's accepted_count (kept by lib/evaluation) is above 0. A status no candidate of the dataset
  // has (e.g. "pending" once all are evaluated) ends the query at once: the Insight cost cells count
  // the dataset's candidates by final status, exactly (triggers, or the writer in the same
  // transaction); without it, finding none read every candidate (~0.4 s at 1 M).
  if (status) conds.push(`EXISTS (SELECT 1 FROM insight_cost_cells k WHERE k.dataset_id = ${ds} AND k.final_status = ${status}::text AND k.n > 0)`);
  if (f.status === 'approved') {
    conds.push(`p.id = ANY (ARRAY(SELECT c.prompt_id FROM decisions d JOIN candidates c ON c.id = d.candidate_id WHERE c.dataset_id = ${ds} AND d.verdict = 'approved'))`);
  }
  if (f.status === 'accepted') conds.push('p.accepted_count > 0');
  return conds.join(' AND ');
}

/** The sort expression of an order (random: a seeded hash of the id, stable for one seed). */
export function orderKeyExpr(order: QueueOrder, seed: number, params: unknown[]): string {
  if (order === 'uncertain') return 'p.uncertainty';
  if (order === 'id') return 'p.id';
  return `hashint4extended(p.id, ${bind(params, seed)}::bigint)`;
}

export function orderBy(order: QueueOrder, keyExpr: string): string {
  if (order === 'uncertain') return `${keyExpr} DESC, p.id ASC`; // matches prompts_review_queue_idx
  if (order === 'id') return 'p.id ASC';
  return `${keyExpr} ASC, p.id ASC`;
}

/** Rows strictly after `key` in the order. */
export function afterCondition(order: QueueOrder, keyExpr: string, key: QueueKey, params: unknown[]): string {
  if (order === 'id') return `p.id > ${bind(params, key.id)}`;
  if (order === 'random') return `(${keyExpr}, p.id) > (${bind(params, String(key.k))}::bigint, ${bind(params, key.id)})`;
  const k = bind(params, Number(key.k));
  return `(p.uncertainty < ${k} OR (p.uncertainty = ${k} AND p.id > ${bind(params, key.id)}))`;
}
