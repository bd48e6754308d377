// Generates the Prisma client (lib/db/generated, git-ignored) when schema.prisma changed since the
// last generation. Offline: Prisma's CLI would first try to download its native schema engine,
// which `generate` does not need; pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file skips it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const schemaFile = path.join(root, 'prisma', 'schema.prisma');
const outDir = path.join(root, 'lib', 'db', 'generated');
const stampFile = path.join(outDir, '.schema-hash');

export function ensurePrismaClient({ force = false } = {}) {
  const hash = createHash('sha256').update(fs.readFileSync(schemaFile)).digest('hex');
  if (!force && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === hash) return false;
  const res = spawnSync(process.execPath, [path.join(root, 'node_modules', 'prisma', 'build', 'index.js'), 'generate'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? schemaFile, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  });
  if (res.status !== 0) throw new Error(`prisma generate failed:\n${res.stdout}\n${res.stderr}`);
  fs.writeFileSync(stampFile, hash);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // stderr, and only when something happened: stdout belongs to the command that follows (e.g. --json).
  if (ensurePrismaClient({ force: process.argv.includes('--force') })) process.stderr.write('Prisma client generated.\n');
}
