import 'server-only';
// Progress of the exports this server process is writing, by a token the browser chose, so the
// exports page can draw a bar while its download streams. In memory: one entry per running export,
// kept 10 minutes after it ends. (Behind several app instances, the poll must reach the instance
// that runs the export: sticky sessions, or use the CLI for very large exports.)
import type { ExportProgress } from './stream-export';

export type ExportRun =
  | { state: 'running'; progress: ExportProgress; startedAt: number }
  | { state: 'done'; progress: ExportProgress; startedAt: number; version: number; rows: number; sha256: string }
  | { state: 'failed'; progress: ExportProgress; startedAt: number; message: string };

const KEEP_MS = 10 * 60_000;
const store = globalThis as unknown as { winnowExportRuns?: Map<string, ExportRun & { endedAt?: number; userId: string }> };

function runs() {
  store.winnowExportRuns ??= new Map();
  const map = store.winnowExportRuns;
  const now = Date.now();
  for (const [k, v] of map) if (v.endedAt && now - v.endedAt > KEEP_MS) map.delete(k);
  return map;
}

const zero: ExportProgress = { prompts: 0, totalPrompts: 0, rows: 0, bytes: 0 };

export function trackExport(token: string, userId: string) {
  const map = runs();
  const startedAt = Date.now();
  map.set(token, { state: 'running', progress: zero, startedAt, userId });
  return {
    progress(progress: ExportProgress) {
      const cur = map.get(token);
      if (cur?.state === 'running') map.set(token, { ...cur, progress });
    },
    done(r: { version: number; rows: number; sha256: string }) {
      const cur = map.get(token);
      map.set(token, { state: 'done', progress: cur?.progress ?? zero, startedAt, userId, endedAt: Date.now(), ...r });
    },
    failed(message: string) {
      const cur = map.get(token);
      map.set(token, { state: 'failed', progress: cur?.progress ?? zero, startedAt, userId, endedAt: Date.now(), message });
    },
  };
}

/** The run of this token, if it belongs to this user. */
export function exportRun(token: string, userId: string): ExportRun | null {
  const r = runs().get(token);
  if (!r || r.userId !== userId) return null;
  const { userId: _u, endedAt: _e, ...run } = r;
  return run as ExportRun;
}
