import fs from 'node:fs';
import path from 'node:path';

const SOURCES = ['app', 'components', 'lib', 'public', 'next.config.ts', 'package-lock.json', 'postcss.config.mjs'];
const SKIP = new Set(['node_modules', '.next', 'generated', 'bench', 'cli', 'testing']);

/** True when there is no production build, or a source file is newer than it. */
export function buildIsStale(root: string): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!fs.existsSync(buildId)) return true;
  const builtAt = fs.statSync(buildId).mtimeMs;
  const newer = (p: string): boolean => {
    if (!fs.existsSync(p)) return false;
    const st = fs.statSync(p);
    if (!st.isDirectory()) return st.mtimeMs > builtAt;
    return fs.readdirSync(p).some((name) => !SKIP.has(name) && !name.endsWith('.test.ts') && newer(path.join(p, name)));
  };
  return SOURCES.some((s) => newer(path.join(root, s)));
}
