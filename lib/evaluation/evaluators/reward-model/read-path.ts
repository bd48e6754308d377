// A tiny JSON path: dot-separated keys with [n] indexes and at most one [*] ("data[*].score",
// "scores[*]", "outputs[0].reward", "[*]" for a bare array). Pure.

export type Segment = { key: string } | { index: number } | { all: true };

const TOKEN = /^(?:\.?([A-Za-z_$][\w$-]*)|\[(\d+|\*)\])/;

export function parsePath(path: string): Segment[] | null {
  const out: Segment[] = [];
  let rest = path.trim();
  if (!rest) return null;
  while (rest) {
    const m = TOKEN.exec(rest);
    if (!m) return null;
    if (m[1] !== undefined) out.push({ key: m[1] });
    else if (m[2] === '*') out.push({ all: true });
    else out.push({ index: Number(m[2]) });
    rest = rest.slice(m[0].length);
  }
  return out.filter((s) => 'all' in s).length <= 1 ? out : null;
}

function step(value: unknown, s: Segment): unknown {
  if ('key' in s) return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[s.key] : undefined;
  if ('index' in s) return Array.isArray(value) ? value[s.index] : undefined;
  return undefined;
}

/** The value at `path`; with [*], an array of the values under each element. undefined when absent. */
export function readPath(value: unknown, segments: readonly Segment[]): unknown {
  let v = value;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if ('all' in s) {
      if (!Array.isArray(v)) return undefined;
      const rest = segments.slice(i + 1);
      return v.map((el) => readPath(el, rest));
    }
    v = step(v, s);
    if (v === undefined) return undefined;
  }
  return v;
}
