import 'server-only';
import { pgPool } from '../../db/pool';
import { getEvaluatorDefinition } from '../evaluators/registry';
import { findUnscoredPrompts, loadEvaluators } from './find-unscored';
import { processJudgeJob } from './process-judge-job';
import { chunk } from './queue';

/**
 * Judges a dataset in this process, without the queue: the same job code, one chunk after another.
 * For small synchronous work (the demo seed, tests); `startJudge` is the durable path.
 */
export async function judgeNow(datasetId: number, opts: { evaluatorIds?: number[] } = {}): Promise<{ scored: number; errors: number }> {
  const pool = pgPool();
  let scored = 0;
  let errors = 0;
  for (const e of await loadEvaluators(pool, datasetId, opts.evaluatorIds)) {
    const def = getEvaluatorDefinition(e.kind);
    if (!def) continue;
    for (const promptIds of chunk(await findUnscoredPrompts(pool, datasetId, e.id), def.promptsPerJob)) {
      const r = await processJudgeJob({ datasetId, evaluatorId: e.id, version: e.version, promptIds });
      if (r.status === 'done') {
        scored += r.scored;
        errors += r.errors;
      }
    }
  }
  return { scored, errors };
}
