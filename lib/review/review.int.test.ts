import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { prisma } from '../db/client';
import { closePgPool, pgPool } from '../db/pool';
import { resetDatabase } from '../testing/reset-database';
import { acceptBest } from './accept-best';
import { applyBulk, lastBulk, previewBulk, undoLastBulk } from './bulk-actions';
import { claimNext } from './claim-next';
import { getBoard } from './get-board';
import { getProgress } from './get-progress';
import { countQueue, listQueue } from './list-queue';
import { compareQueue, queueKey } from './queue-order';
import { recordDecision, type Actor } from './record-decision';
import { saveNote } from './save-note';
import { parseQueueQuery, queueFilterSchema } from './schemas';
import { uncertaintyScore } from './uncertainty';

let ds: number;
let gate: number;
let judge: number;
let alice: Actor;
let bob: Actor;
let promptIds: number[];
/** candidate ids per prompt, best first */
let cands: number[][];

// Per prompt: [acceptedCount, topScore, margin, flags], and its candidates' [aggregate, autoVerdict, gatePassed, hash].
type C = [number, 'accepted' | 'rejected' | 'pending', boolean, string];
const PROMPTS: { derived: [number, number | null, number | null, string[]]; text: string; cands: C[] }[] = [
  { derived: [1, 0.95, 0.6, []], text: 'clear case about ducks', cands: [[0.95, 'accepted', true, 'a'], [0.35, 'rejected', false, 'b'], [0.2, 'rejected', false, 'c']] },
  { derived: [0, 0.48, 0.02, ['gate-judge-disagree']], text: 'near miss about robes', cands: [[0.48, 'rejected', true, 'd'], [0.46, 'rejected', false, 'e'], [0.46, 'rejected', false, 'e']] },
  { derived: [1, 0.8, 0.05, []], text: 'tight margin about houses', cands: [[0.8, 'accepted', true, 'f'], [0.75, 'rejected', true, 'g']] },
  { derived: [0, null, null, []], text: 'nothing scored about sprints', cands: [[0, 'pending', true, 'h']] },
  { derived: [0, 0.3, 0.3, ['pairwise-inconsistent']], text: 'pairwise trouble about chickens', cands: [[0.3, 'rejected', false, 'i'], [0, 'rejected', false, 'j']] },
  { derived: [1, 0.7, 0.4, []], text: 'another clear case about glasses', cands: [[0.7, 'accepted', true, 'k'], [0.3, 'rejected', false, 'l']] },
];

async function seed() {
  await resetDatabase();
  const [a, b] = await Promise.all([
    prisma.user.create({ data: { email: 'alice@winnow.test', name: 'Alice', role: 'curator' } }),
    prisma.user.create({ data: { email: 'bob@winnow.test', name: 'Bob', role: 'curator' } }),
  ]);
  alice = { id: a.id, name: a.name, email: a.email };
  bob = { id: b.id, name: b.name, email: b.email };
  const d = await prisma.dataset.create({ data: { name: 'review', policy: { threshold: 0.5 } } });
  ds = d.id;
  gate = (await prisma.evaluator.create({ data: { datasetId: ds, name: 'math', kind: 'math-answer', role: 'gate' } })).id;
  judge = (await prisma.evaluator.create({ data: { datasetId: ds, name: 'judge', kind: 'llm-judge', role: 'score' } })).id;
  const run = await prisma.generationRun.create({ data: { datasetId: ds, kind: 'import', status: 'completed' } });
  promptIds = [];
  cands = [];
  for (const [i, p] of PROMPTS.entries()) {
    const prompt = await prisma.prompt.create({ data: { datasetId: ds, externalId: `p${i}`, messages: [{ role: 'user', content: p.text }], searchText: p.text } });
    promptIds.push(prompt.id);
    // Derived fields are written by an UPDATE, as lib/evaluation does: the trigger computes uncertainty.
    const [acc, top, margin, flags] = p.derived;
    await pgPool().query('UPDATE prompts SET accepted_count = $2, top_score = $3, margin = $4, flags = $5 WHERE id = $1', [prompt.id, acc, top, margin, flags]);
    const ids: number[] = [];
    for (const [j, [agg, verdict, passed, hash]] of p.cands.entries()) {
      const c = await prisma.candidate.create({
        data: { datasetId: ds, promptId: prompt.id, runId: run.id, sampleIndex: j, content: `answer ${hash}`, contentHash: `${i}-${hash}`, aggregate: agg, rank: j + 1, autoVerdict: verdict, finalStatus: verdict },
      });
      await prisma.score.createMany({
        data: [
          { candidateId: c.id, evaluatorId: gate, value: passed ? 1 : 0, passed },
          { candidateId: c.id, evaluatorId: judge, value: agg, rationale: `judge says ${agg}` },
        ],
      });
      ids.push(c.id);
    }
    cands.push(ids);
  }
}

beforeAll(seed);
afterAll(async () => {
  await closePgPool();
});

const version = async (id: number) => (await prisma.candidate.findUniqueOrThrow({ where: { id } })).reviewVersion;

describe('uncertainty in the database', () => {
  it('the trigger computes what uncertaintyScore computes, and follows the threshold', async () => {
    const rows = await prisma.prompt.findMany({ where: { datasetId: ds }, orderBy: { id: 'asc' } });
    for (const r of rows) expect(r.uncertainty).toBeCloseTo(uncertaintyScore(r, 0.5), 12);
    expect(rows[1].uncertainty).toBeGreaterThan(0.5);
    await prisma.dataset.update({ where: { id: ds }, data: { policy: { threshold: 0.3 } } });
    const after = await prisma.prompt.findMany({ where: { datasetId: ds }, orderBy: { id: 'asc' } });
    for (const r of after) expect(r.uncertainty).toBeCloseTo(uncertaintyScore(r, 0.3), 12);
    expect(after[4].uncertainty).not.toBeCloseTo(rows[4].uncertainty, 6);
    await prisma.dataset.update({ where: { id: ds }, data: { policy: { threshold: 0.5 } } });
  });
});

describe('listQueue', () => {
  it('most uncertain first equals the pure ordering, and pages cover every prompt once', async () => {
    const rows = await prisma.prompt.findMany({ where: { datasetId: ds } });
    const expected = rows.map((r) => queueKey('uncertain', r)).sort((a, b) => compareQueue('uncertain', a, b)).map((k) => k.id);
    const seen: number[] = [];
    let after: string | undefined;
    do {
      const page = await listQueue(ds, parseQueueQuery({ limit: '2', ...(after ? { after } : {}) }));
      seen.push(...page.items.map((i) => i.id));
      after = page.nextCursor ?? undefined;
    } while (after);
    expect(seen).toEqual(expected);
    expect(seen[0]).toBe(promptIds[1]); // the near miss with a disagreement
  });

  it('by id, and a seeded random sample that is stable per seed', async () => {
    expect((await listQueue(ds, parseQueueQuery({ order: 'id' }))).items.map((i) => i.id)).toEqual(promptIds);
    const r1 = (await listQueue(ds, parseQueueQuery({ order: 'random', seed: '7' }))).items.map((i) => i.id);
    const r1again = (await listQueue(ds, parseQueueQuery({ order: 'random', seed: '7' }))).items.map((i) => i.id);
    const r2 = (await listQueue(ds, parseQueueQuery({ order: 'random', seed: '8' }))).items.map((i) => i.id);
    expect(r1).toEqual(r1again);
    expect([...r1].sort()).toEqual([...promptIds].sort());
    expect(r2).not.toEqual(r1);
    const p1 = await listQueue(ds, parseQueueQuery({ order: 'random', seed: '7', limit: '4' }));
    const p2 = await listQueue(ds, parseQueueQuery({ order: 'random', seed: '7', limit: '4', after: p1.nextCursor! }));
    expect([...p1.items, ...p2.items].map((i) => i.id)).toEqual(r1);
  });

  it('filters by final status, score range, evaluator result and text', async () => {
    const ids = async (params: Record<string, string>) => (await listQueue(ds, parseQueueQuery({ order: 'id', ...params }))).items.map((i) => i.id);
    expect(await ids({ status: 'accepted' })).toEqual([promptIds[0], promptIds[2], promptIds[5]]);
    expect(await ids({ status: 'pending' })).toEqual([promptIds[3]]);
    expect(await ids({ min: '0.45', max: '0.5' })).toEqual([promptIds[1]]);
    expect(await ids({ evaluator: String(gate), result: 'failed' })).toEqual([promptIds[0], promptIds[1], promptIds[4], promptIds[5]]);
    expect(await ids({ evaluator: String(gate), result: 'passed', min: '0.9' })).toEqual([promptIds[0]]);
    expect(await ids({ q: 'about robes' })).toEqual([promptIds[1]]);
    expect((await countQueue(ds, queueFilterSchema.parse({ status: 'accepted' }))).count).toBe(3);
    const page = await listQueue(ds, parseQueueQuery({ order: 'id', limit: '1' }));
    expect(page.items[0]).toMatchObject({ candidateCount: 3, counts: { accepted: 1, rejected: 2, pending: 0, approved: 0 } });
  });
});

describe('getBoard', () => {
  it('ranks candidates, collapses exact duplicates, shows scores per evaluator', async () => {
    const board = (await getBoard(ds, promptIds[1]))!;
    expect(board.threshold).toBe(0.5);
    expect(board.candidateCount).toBe(3);
    expect(board.cards.map((c) => c.id)).toEqual([cands[1][0], cands[1][1]]);
    expect(board.cards[1].duplicates.map((d) => d.id)).toEqual([cands[1][2]]);
    expect(board.cards[0].scores).toEqual([
      { evaluatorId: gate, value: 1, rawValue: null, passed: true, rationale: null, error: null },
      { evaluatorId: judge, value: 0.48, rawValue: null, passed: null, rationale: 'judge says 0.48', error: null },
    ]);
    expect(board.evaluators.map((e) => e.name)).toEqual(['math', 'judge']);
    expect(await getBoard(ds + 1000, promptIds[1])).toBeNull();
  });
});

describe('claimNext', () => {
  beforeEach(async () => {
    await pgPool().query('UPDATE prompts SET claimed_by_id = NULL, claim_expires_at = NULL');
  });

  it('two concurrent claimers never get the same prompt', async () => {
    const users = await Promise.all(
      Array.from({ length: 10 }, (_, i) => prisma.user.upsert({ where: { email: `c${i}@winnow.test` }, create: { email: `c${i}@winnow.test`, role: 'curator' }, update: {} })),
    );
    const claims = await Promise.all(users.map((u) => claimNext({ datasetId: ds, order: 'uncertain', seed: 1, filter: queueFilterSchema.parse({}) }, u.id)));
    const got = claims.filter((c): c is number => c !== null);
    expect(got.length).toBe(PROMPTS.length); // 6 prompts, 10 claimers: 4 get nothing
    expect(new Set(got).size).toBe(got.length);
    const held = await prisma.prompt.findMany({ where: { datasetId: ds, claimedById: { not: null } } });
    expect(held.length).toBe(PROMPTS.length);
  });

  it('continues after the current prompt, releases it, and an expired claim is free again', async () => {
    const filter = queueFilterSchema.parse({});
    const first = await claimNext({ datasetId: ds, order: 'id', seed: 1, filter }, alice.id);
    expect(first).toBe(promptIds[0]);
    const second = await claimNext({ datasetId: ds, order: 'id', seed: 1, filter, currentPromptId: first! }, alice.id);
    expect(second).toBe(promptIds[1]);
    expect((await prisma.prompt.findUniqueOrThrow({ where: { id: first! } })).claimedById).toBeNull();
    // Bob cannot take Alice's prompt while her claim holds…
    expect(await claimNext({ datasetId: ds, order: 'id', seed: 1, filter: queueFilterSchema.parse({ q: 'about robes' }) }, bob.id)).toBeNull();
    // …but can once it expired.
    await pgPool().query(`UPDATE prompts SET claim_expires_at = now() - interval '1 second' WHERE id = $1`, [second]);
    expect(await claimNext({ datasetId: ds, order: 'id', seed: 1, filter: queueFilterSchema.parse({ q: 'about robes' }) }, bob.id)).toBe(promptIds[1]);
  });
});

describe('recordDecision', () => {
  it('approves, keeps final_status, audit and reviewed_at in step; reset restores the auto verdict', async () => {
    const id = cands[2][1]; // auto rejected
    const r = await recordDecision({ datasetId: ds, candidateId: id, action: 'approve', version: await version(id) }, alice);
    expect(r).toMatchObject({ ok: true, data: { finalStatus: 'approved', decision: { verdict: 'approved', reviewer: 'Alice' } } });
    const c = await prisma.candidate.findUniqueOrThrow({ where: { id }, include: { decision: true } });
    expect(c.finalStatus).toBe('approved');
    expect(c.decision).toMatchObject({ verdict: 'approved', reviewerId: alice.id, version: c.reviewVersion });
    expect((await prisma.prompt.findUniqueOrThrow({ where: { id: promptIds[2] } })).reviewedAt).not.toBeNull();
    const reset = await recordDecision({ datasetId: ds, candidateId: id, action: 'reset', version: c.reviewVersion }, alice);
    expect(reset).toMatchObject({ ok: true, data: { finalStatus: 'rejected', decision: null } });
    expect(await prisma.decision.count({ where: { candidateId: id } })).toBe(0);
    expect((await prisma.prompt.findUniqueOrThrow({ where: { id: promptIds[2] } })).reviewedAt).toBeNull();
    const audit = await prisma.auditLog.findMany({ where: { candidateId: id }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.action, (a.before as { finalStatus: string }).finalStatus, (a.after as { finalStatus: string }).finalStatus])).toEqual([
      ['approve', 'rejected', 'approved'],
      ['reset', 'approved', 'rejected'],
    ]);
    const board = (await getBoard(ds, promptIds[2]))!;
    expect(board.audit.map((a) => a.action)).toEqual(['reset', 'approve']);
    expect(board.audit[0].actor).toBe('Alice');
  });

  it('refuses a stale write with the other person’s decision, never overwriting it', async () => {
    const id = cands[4][0];
    const seen = await version(id); // both curators read the same version
    expect(await recordDecision({ datasetId: ds, candidateId: id, action: 'approve', version: seen }, alice)).toMatchObject({ ok: true });
    const stale = await recordDecision({ datasetId: ds, candidateId: id, action: 'reject', version: seen }, bob);
    expect(stale).toMatchObject({ ok: false, status: 409, conflict: { verdict: 'approved', by: 'Alice', yourVersion: seen, currentVersion: seen + 1 } });
    expect(stale.ok ? '' : stale.message).toMatch(/^Alice approved candidate/);
    const c = await prisma.candidate.findUniqueOrThrow({ where: { id }, include: { decision: true } });
    expect([c.finalStatus, c.decision?.verdict, c.decision?.reviewerId]).toEqual(['approved', 'approved', alice.id]);
  });

  it('a reset in between still makes an old version stale (no ABA), naming who reset', async () => {
    const id = cands[4][1];
    const seen = await version(id);
    const a = await recordDecision({ datasetId: ds, candidateId: id, action: 'approve', version: seen }, alice);
    await recordDecision({ datasetId: ds, candidateId: id, action: 'reset', version: a.ok ? a.data.version : -1 }, alice);
    const stale = await recordDecision({ datasetId: ds, candidateId: id, action: 'approve', version: seen }, bob);
    expect(stale).toMatchObject({ ok: false, conflict: { verdict: null, by: 'Alice' } });
  });

  it('of two simultaneous writes on one version exactly one wins', async () => {
    const id = cands[5][1];
    const seen = await version(id);
    const results = await Promise.all([
      recordDecision({ datasetId: ds, candidateId: id, action: 'approve', version: seen }, alice),
      recordDecision({ datasetId: ds, candidateId: id, action: 'reject', version: seen }, bob),
    ]);
    expect(results.filter((r) => r.ok).length).toBe(1);
    const winner = results.find((r) => r.ok)!;
    const c = await prisma.candidate.findUniqueOrThrow({ where: { id } });
    expect(c.finalStatus).toBe(winner.ok ? winner.data.finalStatus : '');
    expect(c.reviewVersion).toBe(seen + 1);
  });

  it('refuses a candidate of another dataset', async () => {
    expect(await recordDecision({ datasetId: ds + 1000, candidateId: cands[0][0], action: 'approve', version: 0 }, alice)).toMatchObject({ ok: false, status: 404 });
  });
});

describe('acceptBest', () => {
  it('approves the best, rejects the rest, all or nothing', async () => {
    const ids = cands[0];
    const versions = await Promise.all(ids.map(async (candidateId) => ({ candidateId, version: await version(candidateId) })));
    const stale = await acceptBest({ datasetId: ds, promptId: promptIds[0], versions: versions.map((v, i) => (i === 2 ? { ...v, version: v.version + 5 } : v)) }, bob);
    expect(stale).toMatchObject({ ok: false, status: 409 });
    expect(await prisma.decision.count({ where: { candidateId: { in: ids } } })).toBe(0);
    const r = await acceptBest({ datasetId: ds, promptId: promptIds[0], versions }, bob);
    expect(r.ok && r.data.map((s) => [s.candidateId, s.finalStatus])).toEqual([
      [ids[0], 'approved'],
      [ids[1], 'rejected'],
      [ids[2], 'rejected'],
    ]);
  });
});

describe('bulk actions', () => {
  it('previews, applies on the filter, and undoes the last one — keeping decisions made since', async () => {
    const filter = queueFilterSchema.parse({ reviewed: 'any', q: 'about' });
    const preview = await previewBulk(ds, 'reject-gate-failed', filter);
    const undecided = await prisma.candidate.findMany({
      where: { datasetId: ds, decision: null, scores: { some: { evaluatorId: gate, passed: false } } },
      select: { id: true },
    });
    expect(preview.candidates).toBe(undecided.length);
    expect(undecided.length).toBeGreaterThan(1);
    expect(await applyBulk({ datasetId: ds, kind: 'reject-gate-failed', filter, expected: preview.candidates + 1 }, alice)).toMatchObject({ ok: false, status: 409 });
    const done = await applyBulk({ datasetId: ds, kind: 'reject-gate-failed', filter, expected: preview.candidates }, alice);
    expect(done).toMatchObject({ ok: true, data: { changed: preview.candidates } });
    for (const { id } of undecided) expect((await prisma.decision.findUniqueOrThrow({ where: { candidateId: id } })).verdict).toBe('rejected');
    expect((await previewBulk(ds, 'reject-gate-failed', filter)).candidates).toBe(0);
    expect(await lastBulk(ds)).toMatchObject({ kind: 'reject-gate-failed', count: preview.candidates, actor: 'Alice' });

    // Bob changes one of them after the bulk action: undo must keep his decision.
    const bobs = undecided[0].id;
    expect(await recordDecision({ datasetId: ds, candidateId: bobs, action: 'approve', version: await version(bobs) }, bob)).toMatchObject({ ok: true });
    const undo = await undoLastBulk(ds, alice);
    expect(undo).toMatchObject({ ok: true, data: { restored: undecided.length - 1, skipped: 1 } });
    for (const { id } of undecided.slice(1)) {
      const c = await prisma.candidate.findUniqueOrThrow({ where: { id }, include: { decision: true } });
      expect(c.decision).toBeNull();
      expect(c.finalStatus).toBe(c.autoVerdict);
    }
    expect((await prisma.decision.findUniqueOrThrow({ where: { candidateId: bobs } })).reviewerId).toBe(bob.id);
    expect(await lastBulk(ds)).toBeNull();
    expect(await undoLastBulk(ds, alice)).toMatchObject({ ok: false });
  });

  it('approve-accepted approves only auto-accepted candidates without a decision; reset clears decisions', async () => {
    const filter = queueFilterSchema.parse({ reviewed: 'any' });
    const accepted = await prisma.candidate.count({ where: { datasetId: ds, finalStatus: 'accepted' } });
    expect((await previewBulk(ds, 'approve-accepted', filter)).candidates).toBe(accepted);
    await applyBulk({ datasetId: ds, kind: 'approve-accepted', filter }, bob);
    expect(await prisma.candidate.count({ where: { datasetId: ds, finalStatus: 'accepted' } })).toBe(0);
    const decided = await prisma.decision.count();
    expect((await previewBulk(ds, 'reset', filter)).candidates).toBe(decided);
    await applyBulk({ datasetId: ds, kind: 'reset', filter }, bob);
    expect(await prisma.decision.count()).toBe(0);
    const mismatched = await pgPool().query(`SELECT count(*)::int AS n FROM candidates WHERE final_status::text <> auto_verdict::text`);
    expect(mismatched.rows[0].n).toBe(0);
    const undo = await undoLastBulk(ds, bob);
    expect(undo).toMatchObject({ ok: true, data: { restored: decided, skipped: 0 } });
    expect(await prisma.decision.count()).toBe(decided);
  });
});

describe('notes and progress', () => {
  it('a note is saved and audited; a stale note edit is refused', async () => {
    expect(await saveNote({ datasetId: ds, promptId: promptIds[3], note: 'check units', previous: null }, alice)).toMatchObject({ ok: true });
    expect(await saveNote({ datasetId: ds, promptId: promptIds[3], note: 'mine', previous: null }, bob)).toMatchObject({ ok: false, status: 409 });
    const board = (await getBoard(ds, promptIds[3]))!;
    expect(board.prompt.note).toBe('check units');
    expect(board.audit[0]).toMatchObject({ action: 'note', actor: 'Alice', after: { note: 'check units' } });
  });

  it('counts reviewed prompts and decisions per curator', async () => {
    const p = await getProgress(ds);
    expect(p.total).toBe(PROMPTS.length);
    const reviewed = await prisma.prompt.count({ where: { datasetId: ds, reviewedAt: { not: null } } });
    expect(p.reviewed).toBe(reviewed);
    expect(p.curators.reduce((n, c) => n + c.decisions, 0)).toBe(await prisma.decision.count());
  });
});
