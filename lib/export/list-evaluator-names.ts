import 'server-only';
import { prisma } from '../db/client';

/** Evaluator names of a dataset (the exports form offers name=pass|fail filters on them). */
export async function listEvaluatorNames(datasetId: number): Promise<string[]> {
  const rows = await prisma.evaluator.findMany({ where: { datasetId }, orderBy: { name: 'asc' }, select: { name: true } });
  return rows.map((r) => r.name);
}
