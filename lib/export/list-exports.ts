import 'server-only';
// Export versions of a dataset (newest first), one version, and the diff of two.
import { prisma } from '../db/client';
import type { ExportManifest } from './manifest';
import { diffDigests, readDigest } from './prompt-digest';

export type ExportVersionDto = {
  id: number;
  datasetId: number;
  format: string;
  parquet: boolean;
  filters: Record<string, unknown>;
  rowCount: number;
  sha256: string;
  file: string;
  createdBy: string;
  createdAt: string;
  examples: number;
  skipped: Record<string, number>;
};

const select = { id: true, datasetId: true, format: true, filters: true, rowCount: true, sha256: true, manifest: true, path: true, createdAt: true } as const;

function toDto(e: { id: number; datasetId: number; format: string; filters: unknown; rowCount: number; sha256: string; manifest: unknown; path: string | null; createdAt: Date }): ExportVersionDto {
  const m = e.manifest as Partial<ExportManifest>;
  return {
    id: e.id,
    datasetId: e.datasetId,
    format: e.format,
    parquet: Boolean(m.parquet),
    filters: (m.filters ?? e.filters ?? {}) as Record<string, unknown>,
    rowCount: e.rowCount,
    sha256: e.sha256,
    file: m.file ?? (e.path ? e.path.split(/[\\/]/).at(-1)! : ''),
    createdBy: m.created_by ?? '',
    createdAt: e.createdAt.toISOString(),
    examples: m.counts?.examples ?? 0,
    skipped: m.counts?.skipped ?? {},
  };
}

export async function listExports(datasetId: number, limit = 200): Promise<ExportVersionDto[]> {
  const rows = await prisma.export.findMany({ where: { datasetId }, orderBy: { id: 'desc' }, take: limit, select });
  return rows.map(toDto);
}

/** The version with its manifest and file path (server side only: the path never goes to the browser). */
export async function getExport(id: number) {
  const e = await prisma.export.findUnique({ where: { id }, select });
  if (!e) return null;
  return { dto: toDto(e), manifest: { ...(e.manifest as object), version: e.id } as ExportManifest, path: e.path };
}

export type ExportDiff = {
  a: number;
  b: number;
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
  /** Up to `sample` prompt ids of each kind. */
  samples: { added: string[]; removed: string[]; changed: string[] };
};

/** Examples added, removed and changed (by prompt id) from version a to version b. */
export async function diffExports(a: number, b: number, sample = 100): Promise<ExportDiff | null> {
  const rows = await prisma.export.findMany({ where: { id: { in: [a, b] } }, select: { id: true, promptDigest: true } });
  const da = rows.find((r) => r.id === a);
  const db = rows.find((r) => r.id === b);
  if (!da || !db) return null;
  const d = diffDigests(readDigest(da.promptDigest), readDigest(db.promptDigest));
  return {
    a,
    b,
    added: d.added.length,
    removed: d.removed.length,
    changed: d.changed.length,
    unchanged: d.unchanged,
    samples: { added: d.added.slice(0, sample), removed: d.removed.slice(0, sample), changed: d.changed.slice(0, sample) },
  };
}
