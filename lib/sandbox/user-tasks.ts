// How many tasks (processes and threads) the current user has, for RLIMIT_NPROC at rlimits-only
// as a normal user. Scanning /proc costs a few ms, so the count is reused for a second.
import fs from 'node:fs';

let cached: { at: number; count: number } | null = null;

export function countUserTasks(now = Date.now()): number {
  if (cached && now - cached.at < 1000) return cached.count;
  const uid = process.getuid?.() ?? -1;
  let count = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = fs.readFileSync(`/proc/${entry}/status`, 'utf8');
      const realUid = /^Uid:\s+(\d+)/m.exec(status)?.[1];
      if (Number(realUid) !== uid) continue;
      count += Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? 1);
    } catch {
      // exited meanwhile
    }
  }
  cached = { at: now, count };
  return count;
}
