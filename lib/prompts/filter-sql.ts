// SQL for a prompt filter (search + status), shared by the list, the count and the neighbours, so
// the three always agree on which prompts are "in the list". Pure: returns text + params.
import { escapeLike, type PromptFilter } from './schemas';

export type SqlFragment = { text: string; params: unknown[] };

/**
 * `prompts p` whose search text contains `pattern` (an ILIKE pattern, see escapeLike), for the
 * dataset in `datasetParam`: both are placeholders. The trigram index prompt_search_text_trgm_idx
 * serves it (3+ characters). Through prompts, so search rows of an uncommitted import never match.
 */
export const searchCondition = (datasetParam: string, pattern: string) =>
  `p.id IN (SELECT s.prompt_id FROM prompt_search s WHERE s.dataset_id = ${datasetParam} AND s.text ILIKE ${pattern} ESCAPE '\\')`;

/**
 * WHERE conditions on `prompts p` for one dataset. `firstParam` is the number of the first `$n`
 * placeholder to use, so callers can put their own parameters before.
 */
export function promptFilterSql(datasetId: number, filter: PromptFilter, firstParam = 1): SqlFragment {
  const params: unknown[] = [datasetId];
  const conds = [`p.dataset_id = $${firstParam}`];
  if (filter.q) {
    params.push(`%${escapeLike(filter.q)}%`);
    conds.push(searchCondition(`$${firstParam}`, `$${firstParam + params.length - 1}`));
  }
  switch (filter.status) {
    case 'accepted':
      conds.push('p.accepted_count > 0');
      break;
    case 'no-candidates':
      conds.push('NOT EXISTS (SELECT 1 FROM candidates c WHERE c.prompt_id = p.id)');
      break;
    case 'reviewed':
      // Driven from decisions (few) into prompts by id, so an empty result costs nothing at 100k prompts.
      conds.push(
        `p.id = ANY (ARRAY(SELECT c.prompt_id FROM decisions d JOIN candidates c ON c.id = d.candidate_id WHERE c.dataset_id = $${firstParam}))`,
      );
      break;
    case 'any':
      break;
  }
  return { text: conds.join(' AND '), params };
}
