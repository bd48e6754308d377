// The manifest of an export version: everything needed to say later what went into the file. Pure.
import type { DatasetExportInfo } from './load-context';
import type { ExportRequest } from './schemas';
import type { ExportStats } from './stream-export';

export type ExportActor = { userId: string | null; label: string };

export type ExportManifest = {
  winnow_export: 1;
  version?: number;
  dataset: { id: number; name: string };
  format: string;
  parquet: boolean;
  file: string;
  filters: ExportRequest['filters'];
  policy: unknown;
  gates: readonly string[];
  evaluators: DatasetExportInfo['evaluators'];
  models: { run_id: number; kind: string; model: string | null; endpoint: string | null; params: Record<string, unknown> }[];
  reviewers: { reviewer: string | null; decisions: number }[];
  counts: { prompts_read: number; examples: number; rows: number; skipped: Record<string, number>; skipped_samples: ExportStats['skippedSamples'] };
  bytes: number;
  sha256: string;
  created_by: string;
  created_at: string;
};

export function buildManifest(args: {
  info: DatasetExportInfo;
  request: ExportRequest;
  stats: ExportStats;
  file: string;
  reviewers: ExportManifest['reviewers'];
  actor: ExportActor;
  createdAt: Date;
}): ExportManifest {
  const { info, request, stats } = args;
  const used = new Set(stats.runIds);
  return {
    winnow_export: 1,
    dataset: info.dataset,
    format: request.format,
    parquet: request.parquet,
    file: args.file,
    filters: request.filters,
    policy: info.policy,
    gates: info.ctx.gates,
    evaluators: info.evaluators,
    models: info.runs
      .filter((r) => used.has(r.id))
      .map((r) => ({ run_id: r.id, kind: r.kind, model: r.model, endpoint: r.endpoint, params: r.params })),
    reviewers: args.reviewers,
    counts: { prompts_read: stats.prompts, examples: stats.examples, rows: stats.rows, skipped: stats.skipped, skipped_samples: stats.skippedSamples },
    bytes: stats.bytes,
    sha256: stats.sha256,
    created_by: args.actor.label,
    created_at: args.createdAt.toISOString(),
  };
}

/** `train.jsonl` → `train.manifest.json` (beside the file). */
export function manifestPathFor(file: string): string {
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  const dir = file.slice(0, slash + 1);
  const base = file.slice(slash + 1);
  const dot = base.indexOf('.', 1);
  return `${dir}${dot > 0 ? base.slice(0, dot) : base}.manifest.json`;
}
