// The orders of the review queue as pure data: sort keys, the comparison the SQL reproduces, and
// opaque keyset cursors. Pure (no I/O); queue-sql.ts turns the same order into SQL.
import type { QueueOrder } from './schemas';

/** What a queue row is sorted by: a key (number; for random a bigint as a decimal string) and the id. */
export type QueueKey = { k: number | string; id: number };

export type QueueSortRow = { id: number; uncertainty: number; randomKey?: string };

/** The key of a row in an order (random needs the row's hash, computed by SQL from the seed). */
export function queueKey(order: QueueOrder, row: QueueSortRow): QueueKey {
  switch (order) {
    case 'uncertain':
      return { k: row.uncertainty, id: row.id };
    case 'id':
      return { k: row.id, id: row.id };
    case 'random':
      return { k: row.randomKey ?? '0', id: row.id };
  }
}

function cmpBig(a: string, b: string) {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Negative when a comes first. Uncertain: higher uncertainty first; all ties by id ascending. */
export function compareQueue(order: QueueOrder, a: QueueKey, b: QueueKey): number {
  let c = 0;
  if (order === 'uncertain') c = Number(b.k) - Number(a.k);
  else if (order === 'random') c = cmpBig(String(a.k), String(b.k));
  else c = Number(a.k) - Number(b.k);
  return c !== 0 ? Math.sign(c) : a.id - b.id;
}

function toBase64Url(s: string) {
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function fromBase64Url(s: string) {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  return atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
}

/** A cursor is only valid for the order (and seed) it was made in. */
export function encodeQueueCursor(order: QueueOrder, key: QueueKey, seed = 0): string {
  return toBase64Url(JSON.stringify({ v: 1, o: order, s: order === 'random' ? seed : 0, k: key.k, id: key.id }));
}

export function decodeQueueCursor(cursor: string | null | undefined, order: QueueOrder, seed = 0): QueueKey | null {
  if (!cursor || cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    const p = JSON.parse(fromBase64Url(cursor)) as { v?: number; o?: string; s?: number; k?: unknown; id?: unknown };
    if (p.v !== 1 || p.o !== order || (order === 'random' && p.s !== seed)) return null;
    if (typeof p.id !== 'number' || !Number.isSafeInteger(p.id) || p.id < 0) return null;
    if (order === 'random') return typeof p.k === 'string' && /^-?\d{1,20}$/.test(p.k) ? { k: p.k, id: p.id } : null;
    return typeof p.k === 'number' && Number.isFinite(p.k) ? { k: p.k, id: p.id } : null;
  } catch {
    return null;
  }
}
