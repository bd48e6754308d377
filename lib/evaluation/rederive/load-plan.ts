import 'server-only';
import type pg from 'pg';
import { parsePolicy, preparePolicy, type PolicyEvaluator, type PolicyPlan } from '../policy';

export interface DatasetPlan {
  plan: PolicyPlan;
  evaluators: PolicyEvaluator[];
  /** Ids of llm-judge evaluators: their Score.raw may carry pairwiseInconsistent. */
  judgeIds: number[];
}

/** The dataset's stored policy resolved against its evaluators. Throws if the dataset is gone or the policy is invalid. */
export async function loadPlan(db: pg.ClientBase | pg.Pool, datasetId: number): Promise<DatasetPlan> {
  const ds = await db.query<{ policy: unknown }>('SELECT policy FROM datasets WHERE id = $1', [datasetId]);
  if (!ds.rows[0]) throw new Error(`No dataset with id ${datasetId}`);
  const { rows } = await db.query<{ id: number; name: string; role: 'gate' | 'score'; weight: number; kind: string }>(
    'SELECT id, name, role::text AS role, weight, kind FROM evaluators WHERE dataset_id = $1 ORDER BY id',
    [datasetId],
  );
  const plan = preparePolicy(parsePolicy(ds.rows[0].policy), rows);
  return { plan, evaluators: rows, judgeIds: rows.filter((e) => e.kind === 'llm-judge').map((e) => e.id) };
}
