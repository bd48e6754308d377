// Fills in a CommandPlan for one run in a prepared temp directory, and writes the unshare level's
// mounts file there. Shared by the runner and the detector's probe, so the probe tests exactly
// what runs.
import fs from 'node:fs';
import path from 'node:path';
import { hiddenPathsFstab, MOUNTS_FILE, pathsToHide, type CommandPlan, type ResourceLimits } from './build-command';
import type { SandboxEnvironment } from './detect';

export function preparePlan(
  env: SandboxEnvironment,
  run: { dir: string; uid: number | null; interpreter: CommandPlan['interpreter']; limits: ResourceLimits },
): CommandPlan {
  const hidePaths =
    env.level === 'unshare' ? pathsToHide({ dir: run.dir, candidates: env.hideCandidates, keep: [run.interpreter.path, ...run.interpreter.roots] }) : [];
  // Root-owned and 0600 even in the program's directory: read by `mount` before privileges drop.
  if (hidePaths.length) fs.writeFileSync(path.join(run.dir, MOUNTS_FILE), hiddenPathsFstab(hidePaths), { mode: 0o600 });
  return {
    level: env.level,
    dropToUid: run.uid,
    mapRootUser: env.level === 'unshare' && !env.root,
    tools: env.tools,
    bwrapDisableUserns: env.bwrapDisableUserns,
    rootLinks: env.rootLinks,
    dir: run.dir,
    hidePaths,
    interpreter: run.interpreter,
    limits: run.limits,
  };
}
