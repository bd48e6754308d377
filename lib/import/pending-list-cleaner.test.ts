import { describe, expect, it } from 'vitest';
import { PendingListCleaner } from './pending-list-cleaner';

/** A fake connection whose queries finish when the test says so. */
function fakeDb(fail: false | string = false) {
  const calls: unknown[][] = [];
  const waiting: (() => void)[] = [];
  const db = {
    query: (sql: string, params?: unknown[]) => {
      calls.push([sql, params]);
      return new Promise((resolve, reject) => waiting.push(() => (fail ? reject(Object.assign(new Error('cleanup failed'), { code: fail })) : resolve({ rows: [] }))));
    },
  };
  const finishOne = async () => {
    waiting.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { db: db as never, calls, finishOne, waiting };
}

describe('PendingListCleaner', () => {
  it('runs one merge at a time and folds the requests made meanwhile into one more', async () => {
    const { db, calls, finishOne } = fakeDb();
    const cleaner = new PendingListCleaner(db, 'the_idx');
    cleaner.request();
    cleaner.request();
    cleaner.request();
    expect(calls).toEqual([["SELECT set_config('lock_timeout', '2s', true), gin_clean_pending_list($1::regclass)", ['the_idx']]]);
    await finishOne();
    expect(calls).toHaveLength(2);
    await finishOne();
    await cleaner.drain();
    expect(calls).toHaveLength(2);
    expect(cleaner.runs).toBe(2);
    cleaner.request();
    expect(calls).toHaveLength(3);
  });

  it('drain waits for the merge requested during the running one', async () => {
    const { db, finishOne } = fakeDb();
    const cleaner = new PendingListCleaner(db);
    cleaner.request();
    cleaner.request();
    let drained = false;
    const d = cleaner.drain().then(() => (drained = true));
    await finishOne();
    expect(drained).toBe(false);
    await finishOne();
    await d;
    expect(cleaner.runs).toBe(2);
  });

  it('turns itself off after a failure (e.g. a role that does not own the index)', async () => {
    const { db, calls, finishOne } = fakeDb('42501');
    const cleaner = new PendingListCleaner(db);
    cleaner.request();
    cleaner.request();
    await finishOne();
    await cleaner.drain();
    cleaner.request();
    expect(calls).toHaveLength(1);
    expect(cleaner.runs).toBe(0);
  });

  it('a merge that timed out waiting for another one is skipped, not fatal', async () => {
    const { db, calls, finishOne } = fakeDb('55P03');
    const cleaner = new PendingListCleaner(db);
    cleaner.request();
    await finishOne();
    await cleaner.drain();
    cleaner.request();
    expect(calls).toHaveLength(2);
    await finishOne();
    await cleaner.drain();
  });

  it('stop lets the running merge end and starts no other', async () => {
    const { db, calls, finishOne } = fakeDb();
    const cleaner = new PendingListCleaner(db);
    cleaner.request();
    cleaner.request();
    const stopped = cleaner.stop();
    await finishOne();
    await stopped;
    cleaner.request();
    expect(calls).toHaveLength(1);
  });
});
