import 'server-only';
import type { z } from 'zod';
import { prisma, Prisma } from '../db/client';
import { EvaluationInputError } from './errors';
import { getEvaluatorDefinition, parseEvaluatorConfig, registeredKinds } from './evaluators/registry';
import { pgPool } from '../db/pool';
import { JUDGE_QUEUE } from './judge/queue';
import { rederiveAfterChange, type RederiveMode, type RederiveOutcome } from './judge/rederive-job';
import { startJudge } from './judge/start-judge';
import type { addEvaluatorSchema, updateEvaluatorSchema } from './schemas';
import { checkEvaluatorHosts } from './check-evaluator-hosts';
import { configChangeEffect } from './config-change-effect';
import { REDERIVE_LOCK_SPACE } from './rederive-dataset';

export interface EvaluatorDto {
  id: number;
  datasetId: number;
  name: string;
  kind: string;
  role: 'gate' | 'score';
  weight: number;
  config: unknown;
  createdAt: string;
  updatedAt: string;
}

const select = { id: true, datasetId: true, name: true, kind: true, role: true, weight: true, config: true, createdAt: true, updatedAt: true } as const;
type Row = Prisma.EvaluatorGetPayload<{ select: typeof select }>;
const toDto = (e: Row): EvaluatorDto => ({ ...e, createdAt: e.createdAt.toISOString(), updatedAt: e.updatedAt.toISOString() });

export async function listEvaluators(datasetId: number): Promise<EvaluatorDto[]> {
  return (await prisma.evaluator.findMany({ where: { datasetId }, select, orderBy: { id: 'asc' } })).map(toDto);
}

function validConfig(kind: string, config: unknown): unknown {
  const r = parseEvaluatorConfig(kind, config);
  if (!r.ok) throw new EvaluationInputError(r.message, r.fieldErrors);
  return r.config;
}

async function audit(datasetId: number, actorId: string | undefined, action: string, before: unknown, after: unknown) {
  await prisma.auditLog.create({
    data: { datasetId, actorId: actorId ?? null, action, before: (before ?? undefined) as Prisma.InputJsonValue | undefined, after: (after ?? undefined) as Prisma.InputJsonValue | undefined },
  });
}

/** Renames (or, with `to` null, removes) an evaluator named in the dataset policy's gate list. */
async function renameInPolicy(tx: Prisma.TransactionClient, datasetId: number, from: string, to: string | null) {
  const ds = await tx.dataset.findUnique({ where: { id: datasetId }, select: { policy: true } });
  const policy = ds?.policy as Record<string, unknown> | null;
  if (!policy || !Array.isArray(policy.gates) || !policy.gates.includes(from)) return;
  const gates = (policy.gates as string[]).flatMap((g) => (g === from ? (to ? [to] : []) : [g]));
  await tx.dataset.update({ where: { id: datasetId }, data: { policy: { ...policy, gates } as Prisma.InputJsonValue } });
}

/** How verdicts are re-derived after a change: 'now' in this call (CLI, scripts), or 'queue' a job (the UI). */
export interface ChangeOptions<M extends RederiveMode> {
  rederive?: M;
}

/**
 * Adds an evaluator (name defaults to the kind, role to the kind's own). Its config is checked with
 * the kind's schema (and URLs against the allowed hosts); errors name the field. Verdicts are
 * re-derived (now, or by a queued job): candidates now wait for it.
 */
export async function addEvaluator<M extends RederiveMode = 'now'>(
  input: z.output<typeof addEvaluatorSchema>,
  actorId?: string,
  opts: ChangeOptions<M> = {},
): Promise<{ evaluator: EvaluatorDto; rederive: RederiveOutcome<M> }> {
  const def = getEvaluatorDefinition(input.kind);
  if (!def) throw new EvaluationInputError(`Unknown evaluator kind "${input.kind}" (known: ${registeredKinds().join(', ')})`, { kind: ['unknown kind'] });
  await checkEvaluatorHosts(validConfig(input.kind, input.config));
  const name = input.name ?? input.kind;
  const dataset = await prisma.dataset.findUnique({ where: { id: input.datasetId }, select: { id: true } });
  if (!dataset) throw new EvaluationInputError(`No dataset with id ${input.datasetId}`, { datasetId: ['no such dataset'] });
  if (await prisma.evaluator.findUnique({ where: { datasetId_name: { datasetId: input.datasetId, name } }, select: { id: true } })) {
    throw new EvaluationInputError(`This dataset already has an evaluator named "${name}"`, { name: ['already used in this dataset; choose another name'] });
  }
  const row = await prisma.evaluator.create({
    data: { datasetId: input.datasetId, name, kind: input.kind, role: input.role ?? def.defaultRole, weight: input.weight ?? def.defaultWeight ?? 1, config: input.config as Prisma.InputJsonValue },
    select,
  });
  await audit(input.datasetId, actorId, 'evaluator.add', null, { name, kind: row.kind, role: row.role, weight: row.weight, config: row.config });
  return { evaluator: toDto(row), rederive: await rederiveAfterChange(input.datasetId, 'evaluator.add', (opts.rederive ?? 'now') as M) };
}

/**
 * Changes an evaluator. A config that means something different deletes this evaluator's scores
 * only (run the judge again to re-score them) — except where only the normalisation changed (an
 * `imported` evaluator's config, a reward model's `normalize`): its scores are kept and re-normalised
 * from their raw values by the re-derivation (imported scores cannot be computed again). Name, role
 * and weight changes keep every score. Verdicts are re-derived either way (now, or by a queued job).
 */
export async function updateEvaluator<M extends RederiveMode = 'now'>(
  input: z.output<typeof updateEvaluatorSchema>,
  actorId?: string,
  opts: ChangeOptions<M> = {},
): Promise<{ evaluator: EvaluatorDto; deletedScores: number; renormalize: boolean; rederive: RederiveOutcome<M> }> {
  const current = await prisma.evaluator.findUnique({ where: { id: input.id }, select });
  if (!current) throw new EvaluationInputError('That evaluator no longer exists', { id: ['no such evaluator'] });
  let configChanged = false;
  let effect: ReturnType<typeof configChangeEffect> = 'none';
  if (input.config !== undefined) {
    const next = validConfig(current.kind, input.config);
    await checkEvaluatorHosts(next);
    const before = parseEvaluatorConfig(current.kind, current.config);
    effect = configChangeEffect(current.kind, before.ok ? before.config : null, next);
    configChanged = effect !== 'none';
  }
  const name = input.name ?? current.name;
  if (name !== current.name && (await prisma.evaluator.findUnique({ where: { datasetId_name: { datasetId: current.datasetId, name } }, select: { id: true } }))) {
    throw new EvaluationInputError(`This dataset already has an evaluator named "${name}"`, { name: ['already used in this dataset; choose another name'] });
  }
  const { row, deleted } = await prisma.$transaction(async (tx) => {
    if (effect === 'rescore') await holdRederiveLock(tx, current.datasetId);
    const row = await tx.evaluator.update({
      where: { id: input.id },
      data: {
        name,
        ...(input.role ? { role: input.role } : {}),
        ...(input.weight !== undefined ? { weight: input.weight } : {}),
        ...(configChanged ? { config: input.config as Prisma.InputJsonValue } : {}),
      },
      select,
    });
    const deleted = effect === 'rescore' ? await tx.score.deleteMany({ where: { evaluatorId: input.id } }) : { count: 0 };
    if (name !== current.name) await renameInPolicy(tx, current.datasetId, current.name, name);
    return { row, deleted: deleted.count };
  }, LOCK_WAIT);
  await audit(current.datasetId, actorId, 'evaluator.update', toDto(current), { ...toDto(row), deletedScores: deleted });
  const renormalize = effect === 'renormalize';
  // Judge jobs queued under the old config are dropped as stale; a reward model whose scores are kept
  // still needs the rest of them: queue its missing scores again (no-op when nothing was queued).
  if (renormalize && current.kind !== 'imported' && (await judgeJobsInFlight(row.id))) await startJudge(current.datasetId, { evaluatorIds: [row.id] });
  return { evaluator: toDto(row), deletedScores: deleted, renormalize, rederive: await rederiveAfterChange(current.datasetId, 'evaluator.update', (opts.rederive ?? 'now') as M) };
}

async function judgeJobsInFlight(evaluatorId: number): Promise<boolean> {
  const { rows } = await pgPool()
    .query(`SELECT 1 FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry', 'active') AND (data->>'evaluatorId')::int = $2 LIMIT 1`, [JUDGE_QUEUE, evaluatorId])
    .catch(() => ({ rows: [] })); // no queue schema yet
  return rows.length > 0;
}

/** Transactions that may wait for a whole-dataset re-derivation (Prisma's default gives up after 5 s). */
const LOCK_WAIT = { maxWait: 10_000, timeout: 5 * 60_000 };

/**
 * Deleting scores waits for a whole-dataset re-derivation of the dataset to finish (and holds the next
 * one off until commit): it moves the histogram cells of the scores it read (rederive/summary-deltas.ts).
 */
async function holdRederiveLock(tx: Prisma.TransactionClient, datasetId: number) {
  // (The transactions that take it allow LOCK_WAIT: a re-derivation of 1 M candidates takes ~35 s.)
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REDERIVE_LOCK_SPACE}::int, ${datasetId}::int)`;
}

/** Deletes an evaluator and its scores; the policy stops naming it; verdicts are re-derived (now, or by a queued job). */
export async function deleteEvaluator<M extends RederiveMode = 'now'>(id: number, actorId?: string, opts: ChangeOptions<M> = {}): Promise<{ datasetId: number; rederive: RederiveOutcome<M> } | null> {
  const current = await prisma.evaluator.findUnique({ where: { id }, select });
  if (!current) return null;
  await prisma.$transaction(async (tx) => {
    await holdRederiveLock(tx, current.datasetId);
    await tx.evaluator.delete({ where: { id } });
    await renameInPolicy(tx, current.datasetId, current.name, null);
  }, LOCK_WAIT);
  await audit(current.datasetId, actorId, 'evaluator.delete', toDto(current), null);
  return { datasetId: current.datasetId, rederive: await rederiveAfterChange(current.datasetId, 'evaluator.delete', (opts.rederive ?? 'now') as M) };
}
