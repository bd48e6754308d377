// Canonical forms of a final answer: a cleaned string (LaTeX noise, units, spaces removed), its
// numeric value or values at sample points when it is an expression, and its elements when it is
// a tuple, interval, set, list, union or matrix. Pure; regexes are compiled once.
import { matchingBrace } from './extract-answer';
import { evaluateLatex } from './evaluate-latex';

export interface NormalizedAnswer {
  /** Canonical string; equal strings mean equal answers. Words are lower-cased. */
  text: string;
  /** Numeric value of a constant answer (`\frac{1}{2}` → 0.5). */
  value: number | null;
  /** `value` was written as a plain decimal literal, so it is compared exactly, not with a tolerance. */
  literal: boolean;
  /** Values at fixed variable assignments of an expression in variables (`2k+2`). */
  samples: number[] | null;
  /** An equation: `samples`/`value` are of lhs − rhs, equal up to a non-zero factor. */
  equation: boolean;
  /** Elements of a tuple, interval, set, list, union or matrix. */
  group: AnswerGroup | null;
}

export interface AnswerGroup {
  /** `(`, `[`, `\{`, '' for a bare list, `cup` for a union, `matrix` / `row` for matrices. */
  open: string;
  close: string;
  /** Tuples, intervals and matrices are ordered; sets, bare lists and unions are not. */
  ordered: boolean;
  parts: NormalizedAnswer[];
}

// Beyond this an "answer" is prose (a runaway last line): compare it as text only, which also keeps
// every regex and the recursive evaluator on short inputs.
const MAX_ANSWER_LENGTH = 500;

export function normalizeAnswer(raw: string): NormalizedAnswer {
  if (raw.length > MAX_ANSWER_LENGTH) return scalar(raw.replace(/\s+/g, ''), null, false);
  return normalizeClean(cleanLatex(raw));
}

const PLAIN_NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const CANONICAL_NUMBER = /^-?(?:\d+(?:\.\d+)?|\.\d+)$/;
const THOUSANDS_NUMBER = /^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const MATH_DOLLARS = /\\?\$/g;
// Commands whose argument is plain text; its content is kept, set apart by spaces so that a unit
// (`5.4 \text{ cents}`) stays a separate word for UNIT_TAIL.
const TEXT_COMMAND = /\\(?:text|textbf|textit|textrm|textnormal|mbox|mathrm|mathbf|mathit|mathsf|operatorname)\s*\{([^{}]*)\}/g;
const SIZING = /\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|Biggl|Biggr|big|Big|bigg|Bigg)(?![a-zA-Z])\.?/g;
// `\!`, `\,`, `\;`, `\:`, `\ `, `\quad`, `~`; not the `\\` row separator of a matrix.
const SPACING = /(?<!\\)\\[!,;:> ]|\\q?quad(?![a-zA-Z])|~/g;
const STYLE = /\\(?:displaystyle|textstyle|scriptstyle)(?![a-zA-Z])/g;
const FRAC_VARIANT = /\\[dtc]frac(?![a-zA-Z])/g;
const BINOM_VARIANT = /\\[dt]binom(?![a-zA-Z])/g;
const DEGREES = /\^\s*\{?\s*\\circ\s*\}?|\\circ(?![a-zA-Z])|\\degree(?![a-zA-Z])|°/g;
const PERCENT = /\\?%/g;
const BRACED_COMMA = /\{,\}/g;
const AND = /,?\s+and\s+/g; // "3, 5, and 7", "5 \text{ and } 7": a list
// A number (or a closing brace: `\frac{270}{7}`) followed by unit words and an optional square or
// cube: `15 cm^2`, `5 dollars`, `3 hours.`, `12 eggs/day`. Words are whole (the lookahead) so the
// loop cannot split one word several ways.
const UNIT_TAIL =
  /([0-9}])\s+(?:(?:[a-zA-Z]+\/[a-zA-Z]+|[a-zA-Z]{2,})(?![a-zA-Z/])\.?\s*)+(?:\^\s*\{?\s*[23]\s*\}?)?\s*$/;
// Whitespace goes, except after a command name before a letter (`\cot x` is not `\cotx`).
const WHITESPACE = /(\\[a-zA-Z]+)?\s+/g;
const dropWhitespace = (match: string, command: string | undefined, at: number, s: string) =>
  command ? (isLetter(s.charCodeAt(at + match.length)) ? command + ' ' : command) : '';
const LE = /\\(?:leq|leqslant)(?![a-zA-Z])/g;
const GE = /\\(?:geq|geqslant)(?![a-zA-Z])/g;
const NE = /\\neq(?![a-zA-Z])/g;
const LBRACE = /\\lbrace(?![a-zA-Z])/g;
const RBRACE = /\\rbrace(?![a-zA-Z])/g;
const FRAC_TWO_CHARS = /\\frac([0-9a-zA-Z])([0-9a-zA-Z])/g; // \frac12
const FRAC_CHAR_FIRST = /\\frac([0-9a-zA-Z])\{/g; // \frac1{2}
const FRAC_CHAR_SECOND = /\\frac(\{(?:[^{}]|\{[^{}]*\})*\})([0-9a-zA-Z])/g; // \frac{270}7
const SQRT_CHAR = /\\sqrt([0-9a-zA-Z])/g; // \sqrt2
const BRACED_SCRIPT = /([_^])\{([0-9a-zA-Z])\}/g; // x^{2} → x^2
const TRAILING_DOTS = /\.+$/;

/** String-level canonical form: no LaTeX noise, units or whitespace. Idempotent. */
export function cleanLatex(raw: string): string {
  let s = raw.trim();
  if (CANONICAL_NUMBER.test(s)) return s; // the common case (GSM8K): nothing to clean
  s = s.replace(/\u2212/g, '-').replace(MATH_DOLLARS, '');
  s = unwrapDelimiters(s.trim());
  s = s
    .replace(TEXT_COMMAND, ' $1 ')
    .replace(SIZING, '')
    .replace(SPACING, ' ')
    .replace(STYLE, '')
    .replace(FRAC_VARIANT, '\\frac')
    .replace(BINOM_VARIANT, '\\binom')
    .replace(DEGREES, '')
    .replace(PERCENT, '')
    .replace(BRACED_COMMA, ',')
    .replace(AND, ',')
    .replace(TRAILING_DOTS, '')
    .trim();
  s = s.replace(UNIT_TAIL, '$1').replace(WHITESPACE, dropWhitespace);
  s = s
    .replace(LE, '\\le')
    .replace(GE, '\\ge')
    .replace(NE, '\\ne')
    .replace(LBRACE, '\\{')
    .replace(RBRACE, '\\}')
    .replace(FRAC_TWO_CHARS, '\\frac{$1}{$2}')
    .replace(FRAC_CHAR_FIRST, '\\frac{$1}{')
    .replace(FRAC_CHAR_SECOND, '\\frac$1{$2}')
    .replace(SQRT_CHAR, '\\sqrt{$1}')
    .replace(BRACED_SCRIPT, '$1$2')
    .replace(TRAILING_DOTS, '');
  s = unwrapBraces(s);
  if (s.startsWith('+')) s = s.slice(1);
  if (THOUSANDS_NUMBER.test(s)) s = s.replace(/,/g, '');
  return s;
}

function unwrapDelimiters(s: string): string {
  if ((s.startsWith('\\(') && s.endsWith('\\)')) || (s.startsWith('\\[') && s.endsWith('\\]'))) {
    return s.slice(2, -2).trim();
  }
  return s;
}

/** `{5}` → `5`: braces around the whole answer group nothing. */
function unwrapBraces(s: string): string {
  while (s.startsWith('{') && matchingBrace(s, 0) === s.length - 1) s = s.slice(1, -1);
  return s;
}

const MULTIPLE_CHOICE = /^\(([A-Za-z])\)$/;
const WORD = /^[a-zA-Z][a-zA-Z']+$/;
const MIXED_NUMBER = /^(-?)(\d+)\\frac\{(\d+)\}\{(\d+)\}$/;
// `x=5`, `k = 2`, `x \in [-2, 7]`: the name adds nothing when the rest is the answer.
const NAMED = /^[a-zA-Z](?:=|\\in(?![a-zA-Z]))/;
const MATRIX = /^\\begin\{([a-zA-Z]*matrix)\}(.*)\\end\{\1\}$/s;

/** Canonical form of an already cleaned answer (see cleanLatex). */
export function normalizeClean(s: string): NormalizedAnswer {
  if (PLAIN_NUMBER.test(s)) return scalar(s, Number(s), true);
  const group = parseGroup(s);
  if (group) return { ...scalar(s, null, false), group };
  const named = NAMED.exec(s);
  if (named && !s.includes('=', named[0].length)) return normalizeClean(s.slice(named[0].length));
  const choice = MULTIPLE_CHOICE.exec(s);
  if (choice) return scalar(choice[1], null, false);
  if (WORD.test(s)) return scalar(s.toLowerCase(), null, false);
  // 1\frac{4}{5} is a mixed number (1.8), not a product.
  const mixed = MIXED_NUMBER.exec(s);
  if (mixed) {
    const magnitude = Number(mixed[2]) + Number(mixed[3]) / Number(mixed[4]);
    return scalar(s, mixed[1] ? -magnitude : magnitude, false);
  }
  const sides = splitTopLevel(s, '=');
  if (sides.length === 2) return equation(s, sides[0], sides[1]);
  const e = evaluateLatex(s);
  return { ...scalar(s, e?.value ?? null, false), samples: e?.samples ?? null };
}

function scalar(text: string, value: number | null, literal: boolean): NormalizedAnswer {
  return { text, value, literal, samples: null, equation: false, group: null };
}

function equation(s: string, lhs: string, rhs: string): NormalizedAnswer {
  const l = evaluateLatex(lhs);
  const r = evaluateLatex(rhs);
  const result = scalar(s, null, false);
  result.equation = true;
  if (!l || !r) return result;
  const ls = l.samples ?? [l.value!, l.value!, l.value!];
  const rs = r.samples ?? [r.value!, r.value!, r.value!];
  result.samples = ls.map((v, i) => v - rs[i]);
  return result;
}

function parseGroup(s: string): AnswerGroup | null {
  const matrix = MATRIX.exec(s);
  if (matrix) {
    const rows = splitTopLevel(matrix[2], '\\\\').filter((row) => row !== '');
    const parts = rows.map((row) => {
      const cells = splitTopLevel(row, '&').map(normalizeClean);
      return { ...scalar(row, null, false), group: { open: 'row', close: '', ordered: true, parts: cells } };
    });
    return { open: 'matrix', close: '', ordered: true, parts };
  }
  const union = splitTopLevel(s, '\\cup');
  if (union.length > 1) return { open: 'cup', close: '', ordered: false, parts: union.map(normalizeClean) };

  const brackets = outerBrackets(s);
  if (brackets) {
    const [open, close] = brackets;
    const inner = s.slice(open.length, s.length - close.length);
    const items = splitTopLevel(inner, ',');
    const isSet = open === '\\{';
    if (items.length < 2 && !isSet) return null; // `(5)`, `[x]`: not a tuple
    return { open, close, ordered: !isSet, parts: (isSet ? expandPlusMinus(items) : items).map(normalizeClean) };
  }
  const items = splitTopLevel(s, ',');
  const expanded = expandPlusMinus(items);
  // A bare list of solutions ("1, -2" or "1 \pm \sqrt{19}"): order does not matter.
  if (expanded.length > 1) return { open: '', close: '', ordered: false, parts: expanded.map(normalizeClean) };
  return null;
}

/** `(…)`, `[…)`, `\{…\}` spanning the whole string (not `(a+5)(b+2)`), as [open, close]. */
function outerBrackets(s: string): [string, string] | null {
  const open = s.startsWith('\\{') ? '\\{' : s[0] === '(' || s[0] === '[' ? s[0] : null;
  const close = s.endsWith('\\}') ? '\\}' : s.endsWith(')') || s.endsWith(']') ? s[s.length - 1] : null;
  if (!open || !close || (open === '\\{') !== (close === '\\}')) return null;
  let depth = 0;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && --depth === 0) return null;
  }
  return [open, close];
}

/** Splits at `sep` where no bracket is open. */
export function splitTopLevel(s: string, sep: string): string[] {
  if (!s.includes(sep)) return [s];
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0 && s.startsWith(sep, i)) {
      parts.push(s.slice(start, i));
      i += sep.length - 1;
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

/** `1\pm\sqrt{19}` → `1+\sqrt{19}`, `1-\sqrt{19}` (a list of two solutions). */
function expandPlusMinus(items: string[]): string[] {
  if (!items.some((item) => item.includes('\\pm') || item.includes('\\mp'))) return items;
  return items.flatMap((item) => {
    const at = item.search(/\\[pm]m(?![a-zA-Z])/);
    if (at < 0) return [item];
    const rest = item.slice(at + 3);
    const [first, second] = item[at + 1] === 'p' ? ['+', '-'] : ['-', '+'];
    return [item.slice(0, at) + first + rest, item.slice(0, at) + second + rest];
  });
}

function isLetter(c: number) {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
