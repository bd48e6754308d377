import { describe, expect, it, vi } from 'vitest';
import { onAbort } from './on-abort';

describe('onAbort (one listener per signal, fanned out)', () => {
  it('calls every watcher once on abort, but not those that stopped watching', () => {
    const c = new AbortController();
    const a = vi.fn();
    const b = vi.fn();
    const stopA = onAbort(c.signal, a);
    onAbort(c.signal, b);
    const stopB2 = onAbort(c.signal, b);
    stopA();
    stopB2();
    c.abort(new Error('x'));
    c.abort(new Error('again'));
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
  });

  it('adds a single listener to the signal however many watch it', () => {
    const c = new AbortController();
    const spy = vi.spyOn(c.signal, 'addEventListener');
    const stops = Array.from({ length: 100 }, () => onAbort(c.signal, () => {}));
    for (const s of stops) s();
    onAbort(c.signal, () => {});
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('an already aborted signal calls the watcher soon, unless unwatched first', async () => {
    const c = new AbortController();
    c.abort();
    const a = vi.fn();
    const b = vi.fn();
    onAbort(c.signal, a);
    onAbort(c.signal, b)();
    expect(a).not.toHaveBeenCalled(); // not re-entrant
    await Promise.resolve();
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).not.toHaveBeenCalled();
  });

  it('a watcher added during the abort of another signal still works for a fresh signal', () => {
    const first = new AbortController();
    const second = new AbortController();
    const late = vi.fn();
    onAbort(first.signal, () => onAbort(second.signal, late));
    first.abort();
    second.abort();
    expect(late).toHaveBeenCalledTimes(1);
  });
});
