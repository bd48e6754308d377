// One 'abort' listener per signal, fanning out to a Set: a run's signal is watched by every request
// of the run (in flight and waiting for a slot), and Node's EventTarget add/removeEventListener cost
// tens of microseconds each (measured: ~25–55 µs per pair under load), twice or more per request.

const watchers = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Calls `fn` once when `signal` aborts (at once, in a microtask, if it already has). Returns a
 * function that stops watching; call it when the work is over.
 */
export function onAbort(signal: AbortSignal, fn: () => void): () => void {
  if (signal.aborted) {
    let live = true;
    queueMicrotask(() => live && fn());
    return () => {
      live = false;
    };
  }
  let set = watchers.get(signal);
  if (!set) {
    const fns = new Set<() => void>();
    set = fns;
    watchers.set(signal, fns);
    signal.addEventListener(
      'abort',
      () => {
        watchers.delete(signal);
        for (const f of [...fns]) f();
      },
      { once: true },
    );
  }
  // A wrapper per call, so the same fn registered twice is two watchers (as with { once } listeners
  // of distinct closures) and unwatching one leaves the other.
  const entry = () => fn();
  set.add(entry);
  const s = set;
  return () => {
    s.delete(entry);
  };
}
