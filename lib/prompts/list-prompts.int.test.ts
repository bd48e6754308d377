import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../db/client';
import { resetDatabase } from '../testing/reset-database';
import { getPrompt } from './get-prompt';
import { getPromptNeighbours } from './get-prompt-neighbours';
import { countPrompts, listPrompts } from './list-prompts';
import { parsePromptListQuery } from './schemas';

const TEXTS = [
  'Janet’s ducks lay 16 eggs per day.', // 0: 3 candidates, 1 accepted
  'A robe takes 2 bolts of blue fiber.', // 1: 1 candidate with a decision
  'Save 100% of 50_cats today', // 2: LIKE wildcards in the text
  'Josh decides to try flipping a house.', // 3
  'James runs 3 sprints 3 times a week.', // 4
  'Every day, Wendi feeds her chickens.', // 5
  'Kylar went to the store to buy glasses.', // 6
];

let ds: number;
let ids: number[];

beforeAll(async () => {
  await resetDatabase();
  const a = await prisma.dataset.create({ data: { name: 'a' } });
  const b = await prisma.dataset.create({ data: { name: 'b' } });
  ds = a.id;
  // Another dataset with a matching prompt must never leak into `a`.
  await prisma.prompt.create({ data: { datasetId: b.id, externalId: 'b0', messages: [{ role: 'user', content: 'Janet again' }], searchText: 'Janet again' } });
  ids = [];
  for (const [i, text] of TEXTS.entries()) {
    const p = await prisma.prompt.create({
      data: {
        datasetId: ds,
        externalId: `p${i}`,
        messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: text }],
        searchText: `Be brief.\n${text}`,
        reference: i === 0 ? '18' : undefined,
        acceptedCount: i === 0 ? 1 : 0,
      },
    });
    ids.push(p.id);
  }
  const run = await prisma.generationRun.create({ data: { datasetId: ds, kind: 'import', status: 'completed' } });
  const cand = (promptId: number, sampleIndex: number, extra: object = {}) =>
    prisma.candidate.create({ data: { datasetId: ds, promptId, runId: run.id, sampleIndex, content: `answer ${sampleIndex}`, contentHash: `${promptId}-${sampleIndex}`, ...extra } });
  await cand(ids[0], 0, { aggregate: 0.2, rank: 2, autoVerdict: 'rejected', finalStatus: 'rejected' });
  await cand(ids[0], 1, { aggregate: 0.9, rank: 1, autoVerdict: 'accepted', finalStatus: 'accepted' });
  await cand(ids[0], 2);
  const decided = await cand(ids[1], 0, { aggregate: 0.5 });
  await prisma.decision.create({ data: { candidateId: decided.id, verdict: 'rejected' } });
});

const q = (params: Record<string, string> = {}) => parsePromptListQuery(params);

describe('listPrompts', () => {
  it('pages by id with cursors both ways', async () => {
    const p1 = await listPrompts(ds, q({ limit: '3' }));
    expect(p1.items.map((p) => p.id)).toEqual(ids.slice(0, 3));
    expect(p1.prevCursor).toBeNull();
    const p2 = await listPrompts(ds, q({ limit: '3', after: p1.nextCursor! }));
    expect(p2.items.map((p) => p.id)).toEqual(ids.slice(3, 6));
    const p3 = await listPrompts(ds, q({ limit: '3', after: p2.nextCursor! }));
    expect(p3.items.map((p) => p.id)).toEqual(ids.slice(6));
    expect(p3.nextCursor).toBeNull();
    const back = await listPrompts(ds, q({ limit: '3', before: p2.prevCursor! }));
    expect(back.items.map((p) => p.id)).toEqual(ids.slice(0, 3));
    expect(back.prevCursor).toBeNull();
    expect(back.nextCursor).toBe(p1.nextCursor);
  });

  it('computes per-row candidate numbers and a plain one-line excerpt of the user turn', async () => {
    const { items } = await listPrompts(ds, q());
    expect(items[0]).toMatchObject({ externalId: 'p0', excerpt: TEXTS[0], candidateCount: 3, bestScore: 0.9, acceptedCount: 1, status: 'accepted' });
    expect(items[1]).toMatchObject({ candidateCount: 1, status: 'reviewed' });
    expect(items[3]).toMatchObject({ candidateCount: 0, bestScore: null, status: 'no-candidates' });
  });

  it('searches case-insensitively inside one dataset, wildcards taken literally', async () => {
    expect((await listPrompts(ds, q({ q: 'JANET' }))).items.map((p) => p.externalId)).toEqual(['p0']);
    expect((await listPrompts(ds, q({ q: '%' }))).items.map((p) => p.externalId)).toEqual(['p2']);
    expect((await listPrompts(ds, q({ q: '0_c' }))).items.map((p) => p.externalId)).toEqual(['p2']);
    expect((await listPrompts(ds, q({ q: 'r_be' }))).items).toEqual([]);
    expect((await listPrompts(ds, q({ q: 'nothing like this' }))).items).toEqual([]);
  });

  it('filters by status', async () => {
    const ext = async (status: string) => (await listPrompts(ds, q({ status }))).items.map((p) => p.externalId);
    expect(await ext('accepted')).toEqual(['p0']);
    expect(await ext('reviewed')).toEqual(['p1']);
    expect(await ext('no-candidates')).toEqual(['p2', 'p3', 'p4', 'p5', 'p6']);
    const searchedAndFiltered = await listPrompts(ds, q({ q: 'a', status: 'no-candidates', limit: '2' }));
    expect(searchedAndFiltered.items.map((p) => p.externalId)).toEqual(['p2', 'p3']);
    const next = await listPrompts(ds, q({ q: 'a', status: 'no-candidates', limit: '2', after: searchedAndFiltered.nextCursor! }));
    expect(next.items.map((p) => p.externalId)).toEqual(['p4', 'p5']);
  });
});

describe('countPrompts', () => {
  it('counts matches, capped, and skips too-short searches', async () => {
    expect(await countPrompts(ds, { q: '', status: 'any' })).toEqual({ count: 7, capped: false });
    expect(await countPrompts(ds, { q: 'janet', status: 'any' })).toEqual({ count: 1, capped: false });
    expect(await countPrompts(ds, { q: '', status: 'no-candidates' }, 3)).toEqual({ count: 3, capped: true });
    expect(await countPrompts(ds, { q: 'ja', status: 'any' })).toEqual({ count: null, capped: false });
  });
});

describe('prompt page reads', () => {
  it('neighbours follow the filter', async () => {
    expect(await getPromptNeighbours(ds, ids[3], { q: '', status: 'any' })).toEqual({ prevId: ids[2], nextId: ids[4] });
    expect(await getPromptNeighbours(ds, ids[3], { q: '', status: 'no-candidates' })).toEqual({ prevId: ids[2], nextId: ids[4] });
    expect(await getPromptNeighbours(ds, ids[0], { q: '', status: 'any' })).toEqual({ prevId: null, nextId: ids[1] });
    expect(await getPromptNeighbours(ds, ids[2], { q: '', status: 'accepted' })).toEqual({ prevId: ids[0], nextId: null });
  });

  it('getPrompt returns messages, reference and candidates by rank, aggregate, sample', async () => {
    const p = await getPrompt(ds, ids[0]);
    expect(p?.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: TEXTS[0] },
    ]);
    expect(p?.reference).toBe('18');
    expect(p?.candidates.map((c) => c.sampleIndex)).toEqual([1, 0, 2]);
    expect(await getPrompt(ds, ids[0] + 10_000)).toBeNull();
    const other = await prisma.prompt.findFirstOrThrow({ where: { externalId: 'b0' } });
    expect(await getPrompt(ds, other.id)).toBeNull(); // right id, wrong dataset
  });
});
