import 'server-only';
import { pgPool } from '../../db/pool';
import { REDERIVE_QUEUE, type RederiveJobResult } from './rederive-job';

export interface RederiveJobDto {
  id: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  createdAt: string;
  finishedAt: string | null;
  result: RederiveJobResult | null;
  error: string | null;
}

export interface RederiveStatusDto {
  /** A re-derivation of this dataset is queued or running: verdicts are about to change. */
  pending: boolean;
  /** The most recent jobs, newest first (the UI follows the one its change queued). */
  jobs: RederiveJobDto[];
}

const STATE: Record<string, RederiveJobDto['state']> = { created: 'queued', retry: 'queued', active: 'running', completed: 'done', failed: 'failed', cancelled: 'failed', expired: 'failed' };

/** Where re-deriving the dataset's verdicts stands (read from the queue's job table). */
export async function getRederiveStatus(datasetId: number): Promise<RederiveStatusDto> {
  const { rows } = await pgPool()
    .query<{ id: string; state: string; created_on: Date; completed_on: Date | null; output: unknown }>(
      `SELECT id, state::text, created_on, completed_on, output FROM pgboss.job
       WHERE name = $1 AND (data->>'datasetId')::int = $2 ORDER BY created_on DESC, id LIMIT 5`,
      [REDERIVE_QUEUE, datasetId],
    )
    .catch(() => ({ rows: [] })); // no queue schema yet
  const jobs = rows.map((r): RederiveJobDto => {
    const state = STATE[r.state] ?? 'queued';
    const out = r.output as (RederiveJobResult & { message?: string; value?: { message?: string } }) | null;
    return {
      id: r.id,
      state,
      createdAt: r.created_on.toISOString(),
      finishedAt: r.completed_on?.toISOString() ?? null,
      result: state === 'done' && out && typeof out.candidates === 'number' ? out : null,
      error: state === 'failed' || r.state === 'retry' ? (out?.message ?? out?.value?.message ?? 'failed') : null,
    };
  });
  return { pending: jobs.some((j) => j.state === 'queued' || j.state === 'running'), jobs };
}
