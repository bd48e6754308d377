// When Winnow runs as root, each sandboxed run gets its own unprivileged uid (no passwd entry, owns
// no files): RLIMIT_NPROC is counted per uid, so concurrent runs cannot exhaust each other's
// process budget, and they cannot signal each other or Winnow. After a run, every process of that
// uid can be killed without touching anything else.
import { randomInt } from 'node:crypto';

export const SANDBOX_UID_BASE = Number(process.env.WINNOW_SANDBOX_UID_BASE ?? 1_900_000_000);
const SPAN = 1_000_000;
// A random start, so two Winnow processes (web server and CLI) rarely hand out the same uid at once.
let next = randomInt(SPAN);

export function nextSandboxUid(): number {
  const uid = SANDBOX_UID_BASE + next;
  next = (next + 1) % SPAN;
  return uid;
}

export function isSandboxUid(uid: number): boolean {
  return uid >= SANDBOX_UID_BASE && uid < SANDBOX_UID_BASE + SPAN;
}
