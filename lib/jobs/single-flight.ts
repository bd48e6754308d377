/** Concurrent callers for the same key share one pending load (chunks claimed together start together). */
export function singleFlight<K, V>(pending: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
  let p = pending.get(key);
  if (!p) {
    p = load().finally(() => pending.delete(key));
    pending.set(key, p);
  }
  return p;
}
