// IdReserve draws blocks of ids from a sequence on a pool connection. Usually a block is one run of
// consecutive ids; when other sessions draw from the same sequence meanwhile it is several, and every
// id taken must still be one this reserve drew (never one another session holds).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgPool } from '../db/pool';
import { IdReserve } from './reserve-ids';

const SEQ = 'reserve_ids_test_seq';

beforeAll(async () => {
  await pgPool().query(`DROP SEQUENCE IF EXISTS ${SEQ}; CREATE SEQUENCE ${SEQ}`);
});
afterAll(async () => {
  await pgPool().query(`DROP SEQUENCE IF EXISTS ${SEQ}`);
});

async function takeAll(reserve: IdReserve, n: number) {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    await reserve.ensure(1);
    ids.push(reserve.take());
  }
  return ids;
}

describe('IdReserve', () => {
  it('hands out a block drawn alone as consecutive ids', async () => {
    const start = Number((await pgPool().query<{ v: string }>(`SELECT nextval('${SEQ}') AS v`)).rows[0].v);
    const ids = await takeAll(new IdReserve(pgPool(), SEQ, 8, 64), 100);
    expect(ids).toEqual(Array.from({ length: 100 }, (_, i) => start + 1 + i));
  });

  it('takes only its own ids when another session draws from the sequence at the same time', async () => {
    const other = await pgPool().connect();
    try {
      // Another session draws one id at a time while the reserve draws its blocks.
      let drawing = true;
      const theirs: number[] = [];
      const draw = (async () => {
        while (drawing) theirs.push(Number((await other.query<{ v: string }>(`SELECT nextval('${SEQ}') AS v`)).rows[0].v));
      })();
      const reserve = new IdReserve(pgPool(), SEQ, 20_000, 20_000);
      const ours = await takeAll(reserve, 60_000);
      drawing = false;
      await draw;

      expect(theirs.length).toBeGreaterThan(0);
      expect(new Set(ours).size).toBe(ours.length);
      const mine = new Set(ours);
      expect(theirs.filter((id) => mine.has(id))).toEqual([]);
      // Interleaving happened inside a block: some block was split into several runs (else this tests nothing).
      const min = Math.min(...ours);
      const max = Math.max(...ours);
      expect(theirs.some((id) => id > min && id < max)).toBe(true);
      // Ids come out ascending within what was drawn.
      expect(ours).toEqual([...ours].sort((a, b) => a - b));
    } finally {
      other.release();
    }
  });
});
