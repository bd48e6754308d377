// Reads a judge's reply: JSON ({score|rating|grade, rationale}) first, embedded JSON in prose, then
// the MT-bench text forms ("Rating: [[7]]", "[[7]]", "Rating: 7/10", "score: 7", "7 out of 10").
// Anything else — out-of-range numbers, a different scale, refusals, garbage — is an error, never a
// score: a guessed score would silently steer which candidates get accepted. Pure.

export type ScoreHow = 'json' | 'brackets' | 'labelled' | 'fraction';

export type ParsedScore =
  | { ok: true; score: number; value: number; rationale: string | null; how: ScoreHow }
  | { ok: false; error: string };

export type Winner = 'A' | 'B' | 'tie';

export type ParsedVerdict = { ok: true; winner: Winner; rationale: string | null; how: 'json' | 'brackets' | 'phrase' } | { ok: false; error: string };

const MAX_RATIONALE = 2000;
const NUMBER = String.raw`[-+]?\d+(?:\.\d+)?`;
const BRACKETS = new RegExp(String.raw`\[\[\s*(${NUMBER})\s*(?:\/\s*(\d+)\s*)?\]\]`, 'g');
const LABELLED = new RegExp(String.raw`\b(?:rating|score|grade)\b\s*(?:is|of|=|:)?\s*:?\s*\[?\s*(${NUMBER})\b\s*\]?\s*(?:(?:\/|out of)\s*(\d+))?`, 'gi');
const FRACTION = new RegExp(String.raw`(${NUMBER})\s*(?:\/|out of)\s*(\d+)\b`, 'gi');
const REFUSAL = /\b(?:I\s+(?:can(?:no|['’])t|am\s+(?:unable|not\s+able)|won['’]t|will\s+not|must\s+decline)|I['’]m\s+(?:sorry|unable|not\s+able)|I\s+apologi[sz]e|as\s+an\s+AI\b)/i;
const SCORE_KEYS = ['score', 'rating', 'grade'];
const WHY_KEYS = ['rationale', 'explanation', 'reasoning', 'reason', 'justification', 'feedback'];
const WINNER_KEYS = ['winner', 'verdict', 'better', 'choice'];

/** (s − 1) / (scale − 1): 1 → 0, scale → 1. */
export function normalizeRating(score: number, scale: number): number {
  return (score - 1) / (scale - 1);
}

function snippet(text: string, n = 80): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

function clip(text: string | null): string | null {
  const t = text?.trim();
  if (!t) return null;
  return t.length > MAX_RATIONALE ? `${t.slice(0, MAX_RATIONALE - 1)}…` : t;
}

/** Index just past the `}` closing the object that opens at `start`, honouring JSON strings; -1 when unbalanced. */
function objectEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/** The first JSON object in the reply (whole reply, fenced block, or embedded in prose) that has one of `keys`. */
export function findJsonObject(text: string, keys: readonly string[]): Record<string, unknown> | null {
  const has = (o: unknown): o is Record<string, unknown> =>
    o !== null && typeof o === 'object' && !Array.isArray(o) && Object.keys(o).some((k) => keys.includes(k.toLowerCase()));
  for (let start = text.indexOf('{'); start !== -1; start = text.indexOf('{', start + 1)) {
    const end = objectEnd(text, start);
    if (end === -1) continue;
    try {
      const o: unknown = JSON.parse(text.slice(start, end));
      if (has(o)) return o;
    } catch {
      // not JSON; keep looking
    }
  }
  return null;
}

function field(o: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const k of Object.keys(o)) if (keys.includes(k.toLowerCase())) return o[k];
  return undefined;
}

function checkRange(score: number, denominator: number | null, scale: number, how: ScoreHow, rationale: string | null): ParsedScore {
  if (!Number.isFinite(score)) return { ok: false, error: 'the judge gave a score that is not a number' };
  if (denominator !== null && denominator !== scale) return { ok: false, error: `the judge rated on another scale (${score}/${denominator}, expected 1 to ${scale})` };
  if (score < 1 || score > scale) return { ok: false, error: `the judge's score ${score} is outside 1 to ${scale}` };
  return { ok: true, score, value: normalizeRating(score, scale), rationale: clip(rationale), how };
}

/** The explanation before the verdict, without a dangling "Rating:" / "Final verdict:" label; the whole text if nothing precedes it. */
function before(text: string, index: number): string {
  const t = text
    .slice(0, index)
    .replace(/(?:(?:final\s+)?(?:rating|score|grade|verdict)\s*(?:is)?\s*:?\s*)$/i, '')
    .trim();
  return t || text;
}

function lastMatch(re: RegExp, text: string): RegExpExecArray | null {
  re.lastIndex = 0;
  let last: RegExpExecArray | null = null;
  for (let m = re.exec(text); m; m = re.exec(text)) last = m;
  return last;
}

/** The judge's rating on 1…scale, normalised to 0..1, with its rationale; or why there is none. */
export function parseJudgeScore(reply: string | null | undefined, scale: number): ParsedScore {
  const text = (reply ?? '').trim();
  if (!text) return { ok: false, error: 'the judge returned an empty reply' };

  const json = findJsonObject(text, SCORE_KEYS);
  if (json) {
    const raw = field(json, SCORE_KEYS);
    const why = field(json, WHY_KEYS);
    const rationale = typeof why === 'string' ? why : null;
    if (typeof raw === 'number') return checkRange(raw, null, scale, 'json', rationale);
    if (typeof raw === 'string') {
      const m = new RegExp(String.raw`^\s*\[{0,2}\s*(${NUMBER})\s*\]{0,2}\s*(?:(?:\/|out of)\s*(\d+))?\s*$`, 'i').exec(raw);
      if (m) return checkRange(Number(m[1]), m[2] ? Number(m[2]) : null, scale, 'json', rationale);
    }
    return { ok: false, error: `the judge's JSON has no numeric score (${snippet(JSON.stringify(raw ?? null), 40)})` };
  }

  for (const [re, how] of [
    [BRACKETS, 'brackets'],
    [LABELLED, 'labelled'],
  ] as const) {
    const m = lastMatch(re, text);
    if (m) return checkRange(Number(m[1]), m[2] ? Number(m[2]) : null, scale, how, before(text, m.index));
  }
  // A bare "7/10" or "4 out of 5" counts only on the configured scale ("1/2 of the cake" is no rating).
  const f = lastMatch(FRACTION, text);
  if (f && Number(f[2]) === scale) return checkRange(Number(f[1]), scale, scale, 'fraction', text);

  if (REFUSAL.test(text)) return { ok: false, error: `the judge refused: "${snippet(text)}"` };
  return { ok: false, error: `no score found in the judge's reply: "${snippet(text)}"` };
}

function toWinner(v: unknown): Winner | null {
  if (typeof v !== 'string') return null;
  const s = v.trim().replace(/^\[+|\]+$/g, '').trim().toLowerCase();
  if (s === 'a' || s === 'assistant a' || s === 'response a') return 'A';
  if (s === 'b' || s === 'assistant b' || s === 'response b') return 'B';
  if (s === 'c' || s === 'tie' || s === 'draw' || s === 'equal' || s === 'both') return 'tie';
  return null;
}

/** MT-bench pairwise verdict: "[[A]]", "[[B]]", "[[C]]" (tie), or JSON {winner}. */
export function parsePairwiseVerdict(reply: string | null | undefined): ParsedVerdict {
  const text = (reply ?? '').trim();
  if (!text) return { ok: false, error: 'the judge returned an empty reply' };
  const json = findJsonObject(text, WINNER_KEYS);
  if (json) {
    const winner = toWinner(field(json, WINNER_KEYS));
    const why = field(json, WHY_KEYS);
    if (winner) return { ok: true, winner, rationale: clip(typeof why === 'string' ? why : null), how: 'json' };
    return { ok: false, error: `the judge's JSON names no winner (${snippet(JSON.stringify(field(json, WINNER_KEYS) ?? null), 40)})` };
  }
  const b = lastMatch(/\[\[\s*(A|B|C|tie)\s*\]\]/gi, text);
  if (b) return { ok: true, winner: toWinner(b[1])!, rationale: clip(before(text, b.index)), how: 'brackets' };
  const p = lastMatch(/\b(?:assistant|response)\s+(A|B)\s+is\s+(?:the\s+)?better\b|\bwinner\s*(?:is|:|=)\s*(?:assistant\s+)?(A|B|tie)\b|\bit(?:['’]s| is) a (tie)\b/gi, text);
  if (p) return { ok: true, winner: toWinner(p[1] ?? p[2] ?? p[3])!, rationale: clip(text), how: 'phrase' };
  if (REFUSAL.test(text)) return { ok: false, error: `the judge refused: "${snippet(text)}"` };
  return { ok: false, error: `no verdict found in the judge's reply: "${snippet(text)}"` };
}
