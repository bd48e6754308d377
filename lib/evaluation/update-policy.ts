import 'server-only';
import type { z } from 'zod';
import { prisma, type Prisma } from '../db/client';
import { EvaluationInputError } from './errors';
import { DEFAULT_POLICY, preparePolicy, safeParsePolicy, type Policy } from './policy';
import { rederiveAfterChange, type RederiveMode, type RederiveOutcome } from './judge/rederive-job';
import type { updatePolicySchema } from './schemas';

/** The dataset's policy with every default filled in (an invalid stored policy reads as the defaults). */
export async function getPolicy(datasetId: number): Promise<Policy | null> {
  const ds = await prisma.dataset.findUnique({ where: { id: datasetId }, select: { policy: true } });
  if (!ds) return null;
  const r = safeParsePolicy(ds.policy);
  return r.ok ? r.policy : DEFAULT_POLICY;
}

/**
 * Saves a policy change (fields not given keep their stored value) and re-derives every verdict of
 * the dataset from the stored scores: no evaluator runs again. Errors name the field. `rederive`:
 * 'now' re-derives in this call (CLI, scripts); 'queue' returns at once with the queued job (the UI).
 */
export async function updatePolicy<M extends RederiveMode = 'now'>(
  input: z.output<typeof updatePolicySchema>,
  actorId?: string,
  opts: { rederive?: M } = {},
): Promise<{ policy: Policy; rederive: RederiveOutcome<M> }> {
  const { datasetId, ...change } = input;
  const ds = await prisma.dataset.findUnique({ where: { id: datasetId }, select: { policy: true } });
  if (!ds) throw new EvaluationInputError(`No dataset with id ${datasetId}`, { datasetId: ['no such dataset'] });
  const stored = ds.policy && typeof ds.policy === 'object' && !Array.isArray(ds.policy) ? (ds.policy as Record<string, unknown>) : {};
  const defined = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
  const parsed = safeParsePolicy({ ...stored, ...defined });
  if (!parsed.ok) throw new EvaluationInputError(parsed.message, parsed.fieldErrors);
  const evaluators = await prisma.evaluator.findMany({ where: { datasetId }, select: { id: true, name: true, role: true, weight: true, kind: true } });
  try {
    preparePolicy(parsed.policy, evaluators);
  } catch (e) {
    throw new EvaluationInputError((e as Error).message, { gates: [(e as Error).message] });
  }
  await prisma.dataset.update({ where: { id: datasetId }, data: { policy: parsed.policy as unknown as Prisma.InputJsonValue } });
  await prisma.auditLog.create({
    data: { datasetId, actorId: actorId ?? null, action: 'policy.update', before: stored as Prisma.InputJsonValue, after: parsed.policy as unknown as Prisma.InputJsonValue },
  });
  return { policy: parsed.policy, rederive: await rederiveAfterChange(datasetId, 'policy.update', (opts.rederive ?? 'now') as M) };
}
