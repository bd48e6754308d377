// Shared plumbing for CLI commands: connect to the database (embedded or DATABASE_URL), run, release,
// and turn any error into one line on stderr with a non-zero exit code.
import { connectDatabase } from '../db/connect';

export class CliError extends Error {}

export async function withDatabase<T>(fn: () => Promise<T>): Promise<T> {
  // The embedded database starting/stopping is routine: only said with WINNOW_DEBUG=1.
  const log = (l: string) => {
    if (process.env.WINNOW_DEBUG || !/^(Started|Stopped) embedded/.test(l)) process.stderr.write(`${l}\n`);
  };
  const conn = await connectDatabase({ log });
  try {
    return await fn();
  } finally {
    const { disconnectPrisma } = await import('../db/client');
    const { closePgPool } = await import('../db/pool');
    await Promise.all([disconnectPrisma(), closePgPool()]);
    await conn.release();
  }
}

/** Wrap a command action: errors become `winnow: <reason>` and exit code 1. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void>) {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      process.stderr.write(`winnow: ${message.split('\n')[0]}\n`);
      if (process.env.WINNOW_DEBUG) console.error(e);
      const rest = message.split('\n').slice(1).join('\n').trim();
      if (rest) process.stderr.write(`${rest}\n`);
      process.exitCode = 1;
    }
  };
}

export function printJson(value: unknown) {
  process.stdout.write(`${JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? Number(v) : v), 2)}\n`);
}
