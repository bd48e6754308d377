// The same hostile programs under each weaker level this host can run (forced), so the fallbacks a
// non-root user or a host without bubblewrap gets are exercised too. rlimits-only checks what it
// claims to contain and records, as tests, what it does not (the network).
import { detectSandbox } from './detect';
import { describeHostile } from './hostile-cases';
import { availableLevels } from './testing';

let strongest: string | null = null;
try {
  strongest = detectSandbox().level;
} catch {
  // none available: hostile.test.ts reports the skip
}
for (const level of availableLevels().filter((l) => l !== strongest)) describeHostile(level);
