// Hostile programs under the strongest isolation this host offers (what Winnow uses by default).
import { describe, it } from 'vitest';
import { detectSandbox } from './detect';
import { describeHostile } from './hostile-cases';

let level;
try {
  level = detectSandbox().level;
} catch {
  level = null;
}
if (level) describeHostile(level);
else describe('hostile programs', () => it.skip('no sandbox available on this host (needs prlimit; setpriv as root)', () => {}));
