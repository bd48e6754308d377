import { beforeEach, describe, expect, it, vi } from 'vitest';

const { writeRunResults } = vi.hoisted(() => ({
  writeRunResults: vi.fn(async (opts: { runId: number; outcomes: unknown[] }) => ({ inserted: opts.outcomes.length, runSettled: false })),
}));
vi.mock('./write-results', () => ({ writeRunResults }));
const { ResultWriter } = await import('./result-writer');

const run = { id: 7, datasetId: 1 };
const outcome = (promptId: number) => ({ promptId, candidates: [], settled: true, failure: null });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeEach(() => {
  writeRunResults.mockClear();
});

describe('ResultWriter', () => {
  it('a result waits for company up to the delay asked at that moment; a shorter one brings the write forward', async () => {
    let delay = 200;
    const w = new ResultWriter({ delayMs: () => delay });
    const late = w.write(run, outcome(1), null);
    await sleep(30);
    expect(writeRunResults).not.toHaveBeenCalled(); // waiting for company
    delay = 0; // nothing in flight any more: at once
    const now = w.write(run, outcome(2), null);
    await Promise.all([late, now]);
    expect(writeRunResults).toHaveBeenCalledTimes(1); // both went out together, long before 200 ms
    expect(writeRunResults.mock.calls[0]![0].outcomes).toHaveLength(2);
    // A timer already set for later is brought forward by a shorter delay.
    delay = 200;
    const a = w.write(run, outcome(3), null);
    delay = 10;
    const started = Date.now();
    await Promise.all([a, w.write(run, outcome(4), null)]);
    expect(Date.now() - started).toBeLessThan(150);
    expect(writeRunResults).toHaveBeenCalledTimes(2);
  });

  it("holds a run's writes until its creating transaction commits, without taking a writer from other runs", async () => {
    const w = new ResultWriter({ delayMs: 1, maxInFlight: 1 });
    let commit!: () => void;
    w.holdUntil(run.id, new Promise<void>((r) => (commit = r)));
    const held = w.write(run, outcome(1), null);
    const other = w.write({ id: 8, datasetId: 1 }, outcome(3), null);
    await other; // other runs are not held, nor kept waiting for the only writer
    await sleep(20);
    expect(writeRunResults.mock.calls.map((c) => c[0].runId)).toEqual([8]);
    commit();
    await held;
    expect(writeRunResults.mock.calls.map((c) => c[0].runId)).toEqual([8, 7]);
  });

  it('drops a held run\'s writes when its transaction rolls back: its writers get the error, nothing is written', async () => {
    const w = new ResultWriter({ delayMs: 1 });
    let rollback!: (e: Error) => void;
    w.holdUntil(run.id, new Promise<void>((_, reject) => (rollback = reject)));
    const held = w.write(run, outcome(1), null);
    rollback(new Error('rolled back'));
    await expect(held).rejects.toThrow('rolled back');
    expect(writeRunResults).not.toHaveBeenCalled();
    // Answers that arrive after the rollback are dropped too.
    await expect(w.write(run, outcome(2), null)).rejects.toThrow('rolled back');
    expect(writeRunResults).not.toHaveBeenCalled();
  });
});
