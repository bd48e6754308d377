import 'server-only';
import type { z } from 'zod';
import { prisma, Prisma } from '../db/client';
import { EvaluationInputError } from './errors';
import { getEvaluatorDefinition, parseEvaluatorConfig, registeredKinds } from './evaluators/registry';
import { rederiveDataset, type RederiveResult } from './rederive-dataset';
import type { addEvaluatorSchema, updateEvaluatorSchema } from './schemas';

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

/**
 * Adds an evaluator (name defaults to the kind, role to the kind's own). Its config is checked with
 * the kind's schema; errors name the field. Verdicts are re-derived: candidates now wait for it.
 */
export async function addEvaluator(input: z.output<typeof addEvaluatorSchema>, actorId?: string): Promise<{ evaluator: EvaluatorDto; rederive: RederiveResult }> {
  const def = getEvaluatorDefinition(input.kind);
  if (!def) throw new EvaluationInputError(`Unknown evaluator kind "${input.kind}" (known: ${registeredKinds().join(', ')})`, { kind: ['unknown kind'] });
  validConfig(input.kind, input.config);
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
  return { evaluator: toDto(row), rederive: await rederiveDataset(input.datasetId) };
}

/**
 * Changes an evaluator. A config that means something different deletes this evaluator's scores
 * only (run the judge again to re-score them); name, role and weight changes keep every score.
 * Verdicts are re-derived either way.
 */
export async function updateEvaluator(
  input: z.output<typeof updateEvaluatorSchema>,
  actorId?: string,
): Promise<{ evaluator: EvaluatorDto; deletedScores: number; rederive: RederiveResult }> {
  const current = await prisma.evaluator.findUnique({ where: { id: input.id }, select });
  if (!current) throw new EvaluationInputError('That evaluator no longer exists', { id: ['no such evaluator'] });
  let configChanged = false;
  if (input.config !== undefined) {
    const next = validConfig(current.kind, input.config);
    const before = parseEvaluatorConfig(current.kind, current.config);
    configChanged = !before.ok || JSON.stringify(before.config) !== JSON.stringify(next);
  }
  const name = input.name ?? current.name;
  if (name !== current.name && (await prisma.evaluator.findUnique({ where: { datasetId_name: { datasetId: current.datasetId, name } }, select: { id: true } }))) {
    throw new EvaluationInputError(`This dataset already has an evaluator named "${name}"`, { name: ['already used in this dataset; choose another name'] });
  }
  const { row, deleted } = await prisma.$transaction(async (tx) => {
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
    const deleted = configChanged ? await tx.score.deleteMany({ where: { evaluatorId: input.id } }) : { count: 0 };
    if (name !== current.name) await renameInPolicy(tx, current.datasetId, current.name, name);
    return { row, deleted: deleted.count };
  });
  await audit(current.datasetId, actorId, 'evaluator.update', toDto(current), { ...toDto(row), deletedScores: deleted });
  return { evaluator: toDto(row), deletedScores: deleted, rederive: await rederiveDataset(current.datasetId) };
}

/** Deletes an evaluator and its scores; the policy stops naming it; verdicts are re-derived. */
export async function deleteEvaluator(id: number, actorId?: string): Promise<{ rederive: RederiveResult } | null> {
  const current = await prisma.evaluator.findUnique({ where: { id }, select });
  if (!current) return null;
  await prisma.$transaction(async (tx) => {
    await tx.evaluator.delete({ where: { id } });
    await renameInPolicy(tx, current.datasetId, current.name, null);
  });
  await audit(current.datasetId, actorId, 'evaluator.delete', toDto(current), null);
  return { rederive: await rederiveDataset(current.datasetId) };
}
