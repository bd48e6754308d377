// A tiny evaluator for cleaned LaTeX expressions (no whitespace; see cleanLatex), for cheap
// symbolic equivalence: `2\sqrt{3}` = `\sqrt{12}`, `\frac{\pi}{2}` = `\pi/2`, `10^{3}` = `1000`,
// `2k+2` = `2(k+1)`. Expressions with variables are evaluated at a few fixed points; agreeing
// there is taken as equal (a false match needs a polynomial identity to hold by coincidence).
// Anything it does not understand (`\infty`, subscripts, commas, `=`) gives null: then only the
// canonical strings are compared.

/** Values of an expression at the sample points; constant expressions give one value. */
export interface Evaluated {
  /** The value when the expression has no variables, else null. */
  value: number | null;
  /** Values at SAMPLE_COUNT variable assignments when it has variables, else null. */
  samples: number[] | null;
}

type Node = (point: number) => number;

export const SAMPLE_COUNT = 3;

// Per letter and sample point: awkward non-integers in [1.1, 2.4), so that coincidences are
// unlikely and sqrt/log stay real. Indexed by char code * SAMPLE_COUNT + point.
const VARIABLE_VALUES = new Float64Array(128 * SAMPLE_COUNT);
for (let code = 0; code < 128; code++) {
  for (let p = 0; p < SAMPLE_COUNT; p++) {
    VARIABLE_VALUES[code * SAMPLE_COUNT + p] = 1.1 + (((code + 1) * (0.7548776662466927 + p * 0.2236)) % 1) * 1.3;
  }
}

const FUNCTIONS: Record<string, (x: number) => number> = {
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  cot: (x) => 1 / Math.tan(x),
  sec: (x) => 1 / Math.cos(x),
  csc: (x) => 1 / Math.sin(x),
  arcsin: Math.asin,
  arccos: Math.acos,
  arctan: Math.atan,
  ln: Math.log,
  log: Math.log10,
  exp: Math.exp,
};

class Unsupported extends Error {}
const UNSUPPORTED = new Unsupported();

interface State {
  s: string;
  i: number;
  hasVariables: boolean;
}

/** Evaluates `s` (a cleaned answer), or null when it is not a plain expression. */
export function evaluateLatex(s: string): Evaluated | null {
  if (s.length === 0) return null;
  const st: State = { s, i: 0, hasVariables: false };
  let node: Node;
  try {
    node = parseSum(st);
    if (st.i !== s.length) return null;
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
  if (!st.hasVariables) {
    const value = node(0);
    return Number.isFinite(value) ? { value, samples: null } : null;
  }
  const samples: number[] = [];
  for (let p = 0; p < SAMPLE_COUNT; p++) {
    const v = node(p);
    if (!Number.isFinite(v)) return null;
    samples.push(v);
  }
  return { value: null, samples };
}

function parseSum(st: State): Node {
  let left = parseProduct(st);
  for (;;) {
    const c = st.s[st.i];
    if (c !== '+' && c !== '-') return left;
    st.i++;
    const right = parseProduct(st);
    const l = left;
    left = c === '+' ? (p) => l(p) + right(p) : (p) => l(p) - right(p);
  }
}

function parseProduct(st: State): Node {
  let left = parseSigned(st);
  for (;;) {
    const op = readOperator(st);
    if (op === null) return left;
    const right = parseSigned(st);
    const l = left;
    left = op === '/' ? (p) => l(p) / right(p) : (p) => l(p) * right(p);
  }
}

/** `*`, `/`, `\cdot`, `\times`, `\div`, or implicit multiplication before an atom; else null. */
function readOperator(st: State): '*' | '/' | null {
  const { s, i } = st;
  const c = s[i];
  if (c === '*') return (st.i++, '*');
  if (c === '/') return (st.i++, '/');
  if (c === '\\') {
    const name = commandAt(s, i);
    if (name === 'cdot' || name === 'times') return (skipCommand(st, name), '*');
    if (name === 'div') return (skipCommand(st, name), '/');
    return '*'; // `2\pi`, `3\sqrt{2}`: implicit
  }
  if (c === '(' || c === '{' || c === '[' || (c !== undefined && /[0-9a-zA-Z.]/.test(c))) return '*';
  return null;
}

function parseSigned(st: State): Node {
  const c = st.s[st.i];
  if (c === '-' || c === '+') {
    st.i++;
    const inner = parseSigned(st);
    return c === '-' ? (p) => -inner(p) : inner;
  }
  return parsePower(st);
}

function parsePower(st: State): Node {
  const base = parseAtom(st);
  if (st.s[st.i] !== '^') return base;
  st.i++;
  // An unbraced exponent is one character (`x^23` is x²·3 in LaTeX); braced is an expression.
  let exponent: Node;
  if (st.s[st.i] === '{') exponent = parseAtom(st);
  else if (st.s[st.i] === '-') {
    st.i++;
    const e = parseSingle(st);
    exponent = (p) => -e(p);
  } else exponent = parseSingle(st);
  return (p) => Math.pow(base(p), exponent(p));
}

/** One digit, one letter, or one command atom. */
function parseSingle(st: State): Node {
  const c = st.s[st.i];
  if (c !== undefined && /[0-9]/.test(c)) {
    st.i++;
    const v = Number(c);
    return () => v;
  }
  return parseAtom(st);
}

function parseAtom(st: State): Node {
  const { s } = st;
  const c = s[st.i];
  if (c === undefined) throw UNSUPPORTED;
  if (c === '(' || c === '{' || c === '[') {
    st.i++;
    const inner = parseSum(st);
    const close = c === '(' ? ')' : c === '{' ? '}' : ']';
    if (s[st.i] !== close) throw UNSUPPORTED;
    st.i++;
    return inner;
  }
  if ((c >= '0' && c <= '9') || c === '.') {
    const start = st.i;
    while (st.i < s.length && /[0-9.]/.test(s[st.i])) st.i++;
    const v = Number(s.slice(start, st.i));
    if (Number.isNaN(v)) throw UNSUPPORTED;
    return () => v;
  }
  if (/[a-zA-Z]/.test(c)) {
    st.i++;
    st.hasVariables = true;
    const offset = c.charCodeAt(0) * SAMPLE_COUNT;
    return (p) => VARIABLE_VALUES[offset + p];
  }
  if (c === '\\') return parseCommand(st);
  throw UNSUPPORTED;
}

function parseCommand(st: State): Node {
  const name = commandAt(st.s, st.i);
  skipCommand(st, name);
  switch (name) {
    case 'pi':
      return () => Math.PI;
    case 'frac': {
      const num = parseBraced(st);
      const den = parseBraced(st);
      return (p) => num(p) / den(p);
    }
    case 'sqrt': {
      if (st.s[st.i] === '[') {
        st.i++;
        const index = parseSum(st);
        if (st.s[st.i++] !== ']') throw UNSUPPORTED;
        const radicand = parseBraced(st);
        return (p) => nthRoot(radicand(p), index(p));
      }
      const radicand = parseBraced(st);
      return (p) => Math.sqrt(radicand(p));
    }
    default: {
      const f = FUNCTIONS[name];
      if (!f) throw UNSUPPORTED;
      const arg = parsePower(st);
      return (p) => f(arg(p));
    }
  }
}

function parseBraced(st: State): Node {
  if (st.s[st.i] !== '{') throw UNSUPPORTED;
  return parseAtom(st);
}

function nthRoot(x: number, n: number) {
  // Odd roots of negatives are real: \sqrt[3]{-8} = -2.
  return x < 0 && Math.round(n) % 2 === 1 ? -Math.pow(-x, 1 / n) : Math.pow(x, 1 / n);
}

/** The letters of the command starting with the backslash at `i` (`\frac` → `frac`). */
function commandAt(s: string, i: number): string {
  let j = i + 1;
  while (j < s.length && isLetter(s.charCodeAt(j))) j++;
  return s.slice(i + 1, j);
}

/** Moves past `\name` and the one space cleanLatex keeps before a letter (`\cot x`). */
function skipCommand(st: State, name: string) {
  st.i += name.length + 1;
  if (st.s[st.i] === ' ') st.i++;
}

function isLetter(c: number) {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
