// Standard Prisma migrations (prisma/migrations/<ts>_<name>/migration.sql), applied and created
// offline through Prisma's schema engine compiled to WebAssembly. `prisma migrate deploy` applies the
// same folder for users who have Prisma's native engine; both record into `_prisma_migrations`.
import fs from 'node:fs';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine as Engine } from '@prisma/schema-engine-wasm';

const ROOT = process.cwd();
export const MIGRATIONS_DIR = path.join(ROOT, 'prisma', 'migrations');
export const SCHEMA_FILE = path.join(ROOT, 'prisma', 'schema.prisma');
/** Copy of schema.prisma as of each migration, the base the next migration is diffed from. */
const SNAPSHOT = 'schema.snapshot.prisma';
const noFilter = { externalTables: [], externalEnums: [] };

export function loadMigrationList(dir = MIGRATIONS_DIR): MigrationList {
  const entries = fs.existsSync(dir)
    ? fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()
    : [];
  const lockPath = path.join(dir, 'migration_lock.toml');
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: entries.map((name) => {
      const file = path.join(dir, name, 'migration.sql');
      return {
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: fs.existsSync(file)
            ? { tag: 'ok' as const, value: fs.readFileSync(file, 'utf8') }
            : { tag: 'error' as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

let lastPanic = '';
(globalThis as unknown as { PRISMA_WASM_PANIC_REGISTRY: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
  set_message: (message: string) => {
    lastPanic = message;
  },
};

type Bg = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');
let loaded: Promise<Bg> | null = null;

/** wasm-bindgen glue caches views of the wasm memory: instantiate once per process. */
function loadEngineModule(): Promise<Bg> {
  loaded ??= (async () => {
    const bg = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const wasmPath = path.join(path.dirname(requireResolve('@prisma/schema-engine-wasm')), 'schema_engine_bg.wasm');
    const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmPath), {
      './schema_engine_bg.js': bg as unknown as WebAssembly.ModuleImports,
    });
    const exports = instance.exports as Record<string, unknown> & { __wbindgen_start: () => void };
    (bg as unknown as { __wbg_set_wasm: (w: unknown) => void }).__wbg_set_wasm(exports);
    exports.__wbindgen_start();
    return bg;
  })();
  return loaded;
}

async function withEngine<T>(url: string, fn: (engine: Engine) => Promise<T>): Promise<T> {
  const bg = await loadEngineModule();
  // The engine connects at creation, even for a pure diff.
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: url }));
  const schema = fs.readFileSync(SCHEMA_FILE, 'utf8');
  const engine = await bg.SchemaEngine.new({ datamodels: [[SCHEMA_FILE, schema]] }, () => {}, adapter as never);
  try {
    return await fn(engine);
  } catch (e) {
    if (lastPanic) throw new Error(`Prisma schema engine failed: ${lastPanic}`, { cause: e });
    throw e;
  } finally {
    engine.free();
  }
}

function requireResolve(id: string) {
  // The package only exports ESM entry points; find its folder through node_modules.
  let dir = ROOT;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', id, 'package.json');
    if (fs.existsSync(candidate)) return candidate;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`Cannot find ${id}; run npm ci`);
    dir = up;
  }
}

/** Apply every pending migration. Returns the names applied now. */
export async function applyMigrations(url: string): Promise<string[]> {
  return withEngine(url, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: loadMigrationList(), filters: noFilter });
    return out.appliedMigrationNames;
  });
}

/**
 * Write the next migration: the SQL that takes the schema of the last migration (a copy of
 * schema.prisma kept beside each migration.sql) to today's schema.prisma. A pure diff: the database
 * is not introspected. Returns the new folder, or null when the schema has no change.
 */
export async function createMigration(url: string, name: string): Promise<string | null> {
  if (!/^[a-z0-9_]+$/i.test(name)) throw new Error(`Migration name "${name}" must be letters, digits and _ only`);
  const list = loadMigrationList();
  const last = list.migrationDirectories.at(-1);
  const lastSnapshot = last ? path.join(MIGRATIONS_DIR, last.path, SNAPSHOT) : null;
  if (lastSnapshot && !fs.existsSync(lastSnapshot)) throw new Error(`${lastSnapshot} is missing: cannot tell what the last migration produced`);
  const schema = fs.readFileSync(SCHEMA_FILE, 'utf8');
  const script = await withEngine(url, async (engine) => {
    const diff = await engine.diff({
      from: lastSnapshot ? { tag: 'schemaDatamodel', files: [{ path: SCHEMA_FILE, content: fs.readFileSync(lastSnapshot, 'utf8') }] } : { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA_FILE, content: schema }] },
      script: true,
      exitCode: null,
      filters: noFilter,
    });
    return diff.stdout ?? '';
  });
  if (!script.trim() || script.includes('This is an empty migration')) return null;
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const folder = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'migration.sql'), script);
  fs.writeFileSync(path.join(folder, SNAPSHOT), schema);
  const lock = path.join(MIGRATIONS_DIR, 'migration_lock.toml');
  if (!fs.existsSync(lock)) {
    fs.writeFileSync(lock, '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n');
  }
  return folder;
}
