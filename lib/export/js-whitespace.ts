// The characters JavaScript's String.prototype.trim() removes, found by asking the engine itself, so
// the SQL export path (btrim with this set) and the TypeScript validators agree on what "blank" is.
let cached: string | null = null;

export function jsTrimWhitespace(): string {
  if (cached !== null) return cached;
  let set = '';
  for (let c = 0; c <= 0xffff; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    if (ch.trim() === '') set += ch;
  }
  return (cached = set);
}
