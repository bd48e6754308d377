// The table-driven authorization test. It finds EVERY route handler (app/**/route.ts) and EVERY
// server action (exports of 'use server' files) in the code, fails if one is missing from the tables
// below, and calls each one anonymously and as each role: anonymous → 401, a role below the minimum
// → 403, and a refused call changes nothing in the database. Pages are checked to call the guard.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import pg from 'pg';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { prisma } from '../db/client';
import { resetDatabase } from '../testing/reset-database';
import { signInEveryRole, VISITORS, type Visitor } from '../testing/auth-fixtures';
import { setRequestHeaders } from '../testing/next-request-mock';
import { roleAtLeast, type Role } from './roles';

vi.mock('next/headers', () => import('../testing/next-request-mock'));
vi.mock('next/cache', () => import('../testing/next-request-mock'));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error(`redirect ${to}`), { digest: `NEXT_REDIRECT;${to}` });
  },
}));
process.env.WINNOW_AUTH_RATE_LIMIT = '0';
// Export versions created by the allowed calls go to a scratch directory, not .data/exports.
process.env.WINNOW_EXPORT_DIR ??= path.join(os.tmpdir(), 'winnow-authz-exports');

const ROOT = process.cwd();
type Ctx = { datasetId: number; endpointId: number; userId: string };

type RouteCase = { method: string; params?: (c: Ctx) => Record<string, string>; query?: string; body?: (c: Ctx) => BodyInit };
/** Route handlers: who may call them. `public` ones are checked to work without a session. */
const ROUTES: Record<string, { min: Role | 'public'; cases: RouteCase[] }> = {
  'app/api/health/route.ts': { min: 'public', cases: [{ method: 'GET' }] },
  'app/api/auth/[...all]/route.ts': { min: 'public', cases: [{ method: 'GET', params: () => ({ all: 'get-session' }) }] },
  'app/api/datasets/[id]/prompts/route.ts': { min: 'viewer', cases: [{ method: 'GET', params: (c) => ({ id: String(c.datasetId) }) }] },
  'app/api/datasets/[id]/prompts/count/route.ts': { min: 'viewer', cases: [{ method: 'GET', params: (c) => ({ id: String(c.datasetId) }) }] },
  'app/api/datasets/[id]/evaluation/route.ts': { min: 'viewer', cases: [{ method: 'GET', params: (c) => ({ id: String(c.datasetId) }) }] },
  'app/api/runs/route.ts': { min: 'viewer', cases: [{ method: 'GET', query: '?datasetId=1' }] },
  'app/api/review/[id]/queue/route.ts': { min: 'viewer', cases: [{ method: 'GET', params: (c) => ({ id: String(c.datasetId) }) }] },
  'app/api/review/[id]/prompts/[promptId]/route.ts': { min: 'viewer', cases: [{ method: 'GET', params: (c) => ({ id: String(c.datasetId), promptId: '1' }) }] },
  'app/api/review/[id]/progress/route.ts': { min: 'viewer', cases: [{ method: 'GET', params: (c) => ({ id: String(c.datasetId) }) }] },
  'app/api/review/[id]/bulk-preview/route.ts': { min: 'curator', cases: [{ method: 'GET', query: '?kind=reset', params: (c) => ({ id: String(c.datasetId) }) }] },
  'app/api/runs/[runId]/route.ts': { min: 'viewer', cases: [{ method: 'GET', params: () => ({ runId: '1' }) }] },
  'app/api/exports/route.ts': { min: 'viewer', cases: [{ method: 'GET', query: '?datasetId=1' }] },
  'app/api/exports/count/route.ts': { min: 'viewer', cases: [{ method: 'GET', query: '?datasetId=1&format=trl-sft' }] },
  'app/api/exports/diff/route.ts': { min: 'viewer', cases: [{ method: 'GET', query: '?a=1&b=2' }] },
  'app/api/exports/[id]/file/route.ts': { min: 'viewer', cases: [{ method: 'GET', params: () => ({ id: '1' }) }] },
  'app/api/exports/[id]/manifest/route.ts': { min: 'viewer', cases: [{ method: 'GET', params: () => ({ id: '1' }) }] },
  'app/api/exports/progress/route.ts': { min: 'curator', cases: [{ method: 'GET', query: '?token=authz-token-0123456789' }] },
  'app/api/exports/stream/route.ts': {
    min: 'curator',
    cases: [
      {
        method: 'POST',
        body: (c) => {
          const form = new FormData();
          for (const [k, v] of Object.entries({ datasetId: String(c.datasetId), format: 'trl-sft', status: 'all', token: 'authz-token-0123456789' })) form.set(k, v);
          return form;
        },
      },
    ],
  },
  'app/api/insight/[id]/route.ts': { min: 'viewer', cases: [{ method: 'GET', params: (c) => ({ id: String(c.datasetId) }) }] },
  'app/api/import/route.ts': {
    min: 'curator',
    cases: [
      {
        method: 'POST',
        body: () => {
          const form = new FormData();
          form.set('dataset', 'authz-import');
          form.set('file', new File(['{"id":"a","prompt":"hi"}\n'], 'a.jsonl'));
          return form;
        },
      },
    ],
  },
};

/** Server actions ("file#export"): minimum role and a valid input that would change something. */
const ACTIONS: Record<string, { min: Role | 'first-run'; input: (c: Ctx) => unknown }> = {
  'app/(auth)/setup/actions.ts#createFirstAdminAction': { min: 'first-run', input: () => null },
  'app/(workbench)/admin/users/actions.ts#inviteUserAction': { min: 'admin', input: () => ({ email: 'new@winnow.test', name: 'New', role: 'curator' }) },
  'app/(workbench)/admin/users/actions.ts#setRoleAction': { min: 'admin', input: (c) => ({ userId: c.userId, role: 'admin' }) },
  'app/(workbench)/admin/users/actions.ts#setActiveAction': { min: 'admin', input: (c) => ({ userId: c.userId, active: false }) },
  'app/(workbench)/admin/users/actions.ts#resetPasswordAction': { min: 'admin', input: (c) => ({ userId: c.userId }) },
  'app/(workbench)/endpoints/actions.ts#createEndpointAction': { min: 'admin', input: () => ({ name: 'authz-ep', baseUrl: 'http://127.0.0.1:9/v1', model: 'm' }) },
  'app/(workbench)/endpoints/actions.ts#deleteEndpointAction': { min: 'admin', input: (c) => ({ id: c.endpointId }) },
  'app/(workbench)/endpoints/actions.ts#testEndpointAction': { min: 'curator', input: (c) => ({ id: c.endpointId }) },
  'app/(workbench)/datasets/[id]/evaluators/actions.ts#addEvaluatorAction': { min: 'curator', input: (c) => ({ datasetId: c.datasetId, kind: 'math-answer', config: '{}' }) },
  'app/(workbench)/datasets/[id]/evaluators/actions.ts#updateEvaluatorAction': { min: 'curator', input: () => ({ id: 987654, weight: '2' }) },
  'app/(workbench)/datasets/[id]/evaluators/actions.ts#deleteEvaluatorAction': { min: 'curator', input: () => ({ id: 987654 }) },
  'app/(workbench)/datasets/[id]/evaluators/actions.ts#runJudgeAction': { min: 'curator', input: (c) => ({ datasetId: c.datasetId }) },
  'app/(workbench)/datasets/[id]/evaluators/actions.ts#updatePolicyAction': { min: 'curator', input: (c) => ({ datasetId: c.datasetId, threshold: '0.7' }) },
  'app/(workbench)/datasets/[id]/insight/actions.ts#applyThresholdAction': { min: 'curator', input: (c) => ({ datasetId: c.datasetId, threshold: 0.7 }) },
  'app/(workbench)/datasets/[id]/review/actions.ts#decideAction': { min: 'curator', input: (c) => ({ datasetId: c.datasetId, candidateId: 987654, action: 'approve', version: 0 }) },
  'app/(workbench)/datasets/[id]/review/actions.ts#acceptBestAction': { min: 'curator', input: (c) => ({ datasetId: c.datasetId, promptId: 987654, versions: [{ candidateId: 987654, version: 0 }] }) },
  'app/(workbench)/datasets/[id]/review/actions.ts#saveNoteAction': { min: 'curator', input: (c) => ({ datasetId: c.datasetId, promptId: 987654, note: 'n', previous: null }) },
  'app/(workbench)/datasets/[id]/review/actions.ts#claimNextAction': { min: 'curator', input: (c) => ({ datasetId: c.datasetId }) },
  'app/(workbench)/datasets/[id]/review/actions.ts#applyBulkAction': { min: 'curator', input: (c) => ({ datasetId: c.datasetId, kind: 'reset', filter: {} }) },
  'app/(workbench)/datasets/[id]/review/actions.ts#undoBulkAction': { min: 'curator', input: (c) => ({ datasetId: c.datasetId }) },
  'app/(workbench)/datasets/[id]/runs/actions.ts#startRunAction': { min: 'curator', input: (c) => ({ datasetId: c.datasetId, endpointId: c.endpointId, n: '1' }) },
  'app/(workbench)/datasets/[id]/runs/actions.ts#cancelRunAction': { min: 'curator', input: () => ({ runId: 987654 }) },
  'app/(workbench)/datasets/[id]/runs/actions.ts#resumeRunAction': { min: 'curator', input: () => ({ runId: 987654 }) },
  'app/(workbench)/datasets/[id]/runs/actions.ts#retryFailedAction': { min: 'curator', input: () => ({ runId: 987654 }) },
};

/** Pages that need no session (they redirect by themselves or show nothing private). */
const PUBLIC_PAGES = new Set(['app/page.tsx', 'app/(auth)/login/page.tsx', 'app/(auth)/setup/page.tsx', 'app/forbidden/page.tsx', 'app/not-found.tsx']);

function walk(dir: string, match: (f: string) => boolean): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return walk(rel, match);
    return match(rel) ? [rel] : [];
  });
}

const routeFiles = walk('app', (f) => /\/route\.tsx?$/.test(f));
const actionFiles = walk('app', (f) => /\.tsx?$/.test(f) && /^\s*['"]use server['"]/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
const pageFiles = walk('app', (f) => /\/page\.tsx$/.test(f));

async function tableCounts(): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    const { rows } = await c.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('_prisma_migrations', 'rate_limits') ORDER BY 1`);
    const out: Record<string, number> = {};
    for (const { t } of rows) out[t] = Number((await c.query(`SELECT count(*) FROM "${t}"`)).rows[0].count);
    return out;
  } finally {
    await c.end();
  }
}

async function snapshot() {
  const [counts, users, endpoints] = await Promise.all([
    tableCounts(),
    prisma.user.findMany({ select: { id: true, role: true, active: true }, orderBy: { id: 'asc' } }),
    prisma.endpoint.findMany({ orderBy: { id: 'asc' } }),
  ]);
  return { counts, users, endpoints };
}

describe('every route handler and server action is guarded', () => {
  let cookies: Record<Visitor, string>;
  let ctx: Ctx;

  beforeAll(async () => {
    await resetDatabase();
    cookies = await signInEveryRole();
    const dataset = await prisma.dataset.create({ data: { name: 'authz' } });
    // The user that admin actions act on is not one of the visitors, so their sessions stay valid.
    const target = await prisma.user.create({ data: { email: 'target@winnow.test', role: 'viewer' } });
    ctx = { datasetId: dataset.id, endpointId: 0, userId: target.id };
  });

  beforeEach(async () => {
    // An allowed call may have changed what the next test needs: put it back.
    await prisma.user.update({ where: { id: ctx.userId }, data: { role: 'viewer', active: true } });
    const endpoint = await prisma.endpoint.upsert({
      where: { name: 'authz-existing' },
      create: { name: 'authz-existing', baseUrl: 'http://127.0.0.1:9/v1', model: 'm' },
      update: {},
    });
    ctx.endpointId = endpoint.id;
  });

  it('the tables name every route handler, server action and page guard', async () => {
    expect(routeFiles.sort()).toEqual(Object.keys(ROUTES).sort());
    const found: string[] = [];
    for (const file of actionFiles) {
      const mod = await import(path.join(ROOT, file));
      for (const name of Object.keys(mod)) found.push(`${file}#${name}`);
    }
    expect(found.sort()).toEqual(Object.keys(ACTIONS).sort());
    const unguarded = pageFiles.filter((f) => !PUBLIC_PAGES.has(f) && !fs.readFileSync(path.join(ROOT, f), 'utf8').includes('requirePageRole('));
    expect(unguarded, 'pages must call requirePageRole()').toEqual([]);
  });

  for (const [file, spec] of Object.entries(ROUTES)) {
    for (const c of spec.cases) {
      it(`${c.method} ${file}`, async () => {
        const mod = await import(path.join(ROOT, file));
        for (const visitor of VISITORS) {
          const before = await snapshot();
          setRequestHeaders({ cookie: cookies[visitor], host: 'localhost:3000', origin: 'http://localhost:3000' });
          const request = new NextRequest(`http://localhost:3000/x${c.query ?? ''}`, {
            method: c.method,
            headers: { cookie: cookies[visitor], host: 'localhost:3000', origin: 'http://localhost:3000' },
            body: c.body?.(ctx),
          });
          const res: Response = await mod[c.method](request, { params: Promise.resolve(c.params?.(ctx) ?? {}) });
          const allowed = spec.min === 'public' || (visitor !== 'anonymous' && roleAtLeast(visitor, spec.min));
          if (allowed) {
            expect([401, 403], `${visitor} must be let in`).not.toContain(res.status);
          } else {
            expect(res.status, `${visitor} must be refused`).toBe(visitor === 'anonymous' ? 401 : 403);
            expect(await snapshot(), `${visitor}'s refused call must change nothing`).toEqual(before);
          }
        }
      });
    }
  }

  for (const [key, spec] of Object.entries(ACTIONS)) {
    if (spec.min === 'first-run') continue;
    const min = spec.min;
    it(`action ${key}`, async () => {
      const [file, name] = key.split('#');
      const mod = await import(path.join(ROOT, file));
      // Least privileged first, so an allowed call never changes what a later refused call sees.
      for (const visitor of VISITORS) {
        setRequestHeaders({ cookie: cookies[visitor] });
        const before = await snapshot();
        const result = await mod[name](spec.input(ctx));
        const allowed = visitor !== 'anonymous' && roleAtLeast(visitor, min);
        if (allowed) {
          expect([401, 403], `${visitor} must be let in: ${JSON.stringify(result)}`).not.toContain(result?.status);
          break; // an allowed call may change state (e.g. delete the endpoint); higher roles are allowed too
        }
        expect(result).toMatchObject({ ok: false, status: visitor === 'anonymous' ? 401 : 403 });
        expect(await snapshot(), `${visitor}'s refused call must change nothing`).toEqual(before);
      }
    });
  }

  it('the first-run action works only while nobody has an account', async () => {
    const { createFirstAdminAction } = await import(path.join(ROOT, 'app/(auth)/setup/actions.ts'));
    setRequestHeaders({});
    const form = new FormData();
    form.set('name', 'Mallory');
    form.set('email', 'mallory@winnow.test');
    form.set('password', 'mallory-password');
    const before = await snapshot();
    expect(await createFirstAdminAction(null, form)).toMatchObject({ ok: false, message: expect.stringMatching(/already has an admin/) });
    expect(await snapshot()).toEqual(before);
  });

  it('mutating route handlers refuse cross-site requests even with a valid session', async () => {
    const mod = await import(path.join(ROOT, 'app/api/import/route.ts'));
    setRequestHeaders({ cookie: cookies.admin });
    const form = new FormData();
    form.set('dataset', 'csrf');
    form.set('file', new File(['{"prompt":"x"}\n'], 'x.jsonl'));
    const res: Response = await mod.POST(
      new NextRequest('http://localhost:3000/api/import', { method: 'POST', headers: { cookie: cookies.admin, host: 'localhost:3000', origin: 'https://evil.example' }, body: form }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(403);
    expect(await prisma.dataset.count({ where: { name: 'csrf' } })).toBe(0);
  });

  it('nobody points a reward model at a host that is not allowed (SSRF); Endpoint hosts and loopback are', async () => {
    const { addEvaluatorAction, updateEvaluatorAction } = await import(path.join(ROOT, 'app/(workbench)/datasets/[id]/evaluators/actions.ts'));
    const rm = (url: string, name: string) => ({ datasetId: ctx.datasetId, kind: 'reward-model', name, config: JSON.stringify({ url }) });
    for (const visitor of ['curator', 'admin'] as const) {
      setRequestHeaders({ cookie: cookies[visitor] });
      for (const url of ['http://169.254.169.254/latest/meta-data', 'http://10.0.0.5:8000/score', 'http://[::ffff:7f00:1]/score']) {
        const before = await snapshot();
        const r = await addEvaluatorAction(rm(url, `rm-${visitor}`));
        expect(r, `${visitor} → ${url}`).toMatchObject({ ok: false, status: 422, fieldErrors: { 'config.url': [expect.stringMatching(/is not allowed/)] } });
        expect(await snapshot()).toEqual(before);
      }
    }
    setRequestHeaders({ cookie: cookies.curator });
    // Loopback (the default WINNOW_ALLOWED_HOSTS) and the host of a configured Endpoint are allowed.
    await prisma.endpoint.upsert({ where: { name: 'authz-rm-host' }, create: { name: 'authz-rm-host', baseUrl: 'http://rm.internal.test:8000/v1', model: 'm' }, update: {} });
    const ok = await addEvaluatorAction(rm('http://127.0.0.1:8000/score', 'rm-local'));
    expect(ok).toMatchObject({ ok: true });
    const id = ok.data.id as number;
    expect(await updateEvaluatorAction({ id, config: JSON.stringify({ url: 'http://rm.internal.test:9000/score' }) })).toMatchObject({ ok: true });
    // …and changing it to an internal address is refused like adding one, leaving the config as it was.
    expect(await updateEvaluatorAction({ id, config: JSON.stringify({ url: 'http://metadata.google.internal/' }) })).toMatchObject({ ok: false, status: 422 });
    expect((await prisma.evaluator.findUniqueOrThrow({ where: { id } })).config).toEqual({ url: 'http://rm.internal.test:9000/score' });
  });
});
