// Finds the final answer in a worked solution. Pure; cheap on the common path (a marked answer at
// the end), linear in the text length otherwise.

export type ExtractHow = 'boxed' | 'hash' | 'A:' | 'phrase' | 'last-number';

export interface ExtractedAnswer {
  answer: string;
  how: ExtractHow;
}

/**
 * The final answer of `text`, by the first rule that applies: the last `\boxed{…}` (or `\fbox{…}`),
 * the last `#### n`, a last line `A: n`, the last "answer is …" / "final answer: …", else the last
 * number. Null when there is none. The answer is returned raw; normalizeAnswer() cleans it.
 */
export function extractAnswer(text: string): ExtractedAnswer | null {
  return extractMarkedAnswer(text) ?? extractPhraseAnswer(text) ?? extractLastNumber(text);
}

/**
 * Only the explicit markers (boxed, `####`, last line `A:`). Used for references, where a bare
 * answer such as `p - q` must not be cut down to its last number.
 */
export function extractMarkedAnswer(text: string): ExtractedAnswer | null {
  const boxed = lastBoxed(text);
  if (boxed !== null) return { answer: boxed, how: 'boxed' };
  const hash = text.lastIndexOf('####');
  if (hash >= 0) {
    const answer = restOfLine(text, hash + 4);
    if (answer) return { answer, how: 'hash' };
  }
  const lastLine = lastNonEmptyLine(text);
  const a = A_LINE.exec(lastLine);
  if (a && a[1]) return { answer: a[1].trim(), how: 'A:' };
  return null;
}

const A_LINE = /^\s*A\s*:\s*(.*)$/;

/** Content of the last complete `\boxed{…}` / `\fbox{…}` / `\boxed 5`; truncated ones are skipped. */
function lastBoxed(text: string): string | null {
  let end = text.length;
  for (;;) {
    const at = Math.max(text.lastIndexOf('\\boxed', end), text.lastIndexOf('\\fbox', end));
    if (at < 0) return null;
    let i = at + (text.startsWith('\\boxed', at) ? 6 : 5);
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    if (text[i] === '{') {
      const close = matchingBrace(text, i);
      const content = close >= 0 ? text.slice(i + 1, close).trim() : '';
      if (content) return content; // an empty or truncated box says nothing: look further back
    } else if (i < text.length && /[0-9.-]/.test(text[i])) {
      // `\boxed 5`: the argument is one token, up to a space, `$` or end of line.
      let j = i;
      while (j < text.length && !/[\s$]/.test(text[j])) j++;
      return text.slice(i, j);
    }
    if (at === 0) return null;
    end = at - 1;
  }
}

/** Index of the `}` closing the `{` at `open`, or -1 (unbalanced / truncated). */
export function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) {
      i++; // `\{` and `\}` are literal braces (sets), not grouping.
      continue;
    }
    if (c === 123 /* { */) depth++;
    else if (c === 125 /* } */ && --depth === 0) return i;
  }
  return -1;
}

function restOfLine(text: string, from: number): string {
  const nl = text.indexOf('\n', from);
  return text.slice(from, nl < 0 ? text.length : nl).trim();
}

function lastNonEmptyLine(text: string): string {
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  const start = text.lastIndexOf('\n', end - 1) + 1;
  return text.slice(start, end);
}

// "the answer is", "final answer:", "Answer =", "The final answer is". No nested quantifiers.
const PHRASE = /\b(?:final\s+answer|answer)\s*(?:is\b\s*:?|[:=])/gi;
const SENTENCE_END = /\.(?:\s|$)/;

function extractPhraseAnswer(text: string): ExtractedAnswer | null {
  PHRASE.lastIndex = 0;
  let last = -1;
  for (let m = PHRASE.exec(text); m; m = PHRASE.exec(text)) last = m.index + m[0].length;
  if (last < 0) return null;
  let answer = restOfLine(text, last);
  // "The answer is:\n42" puts it on the next line.
  if (!answer) {
    const nl = text.indexOf('\n', last);
    if (nl >= 0) answer = restOfLine(text, nl + 1);
  }
  const end = SENTENCE_END.exec(answer);
  if (end) answer = answer.slice(0, end.index);
  // Markdown bold and inline-math dollars around the whole answer.
  answer = answer.replace(/^[*\s]+|[*\s]+$/g, '');
  if (/^\$[^$]+\$$/.test(answer)) answer = answer.slice(1, -1).trim();
  return answer ? { answer, how: 'phrase' } : null;
}

/** The last number, ignoring GSM8K calculator annotations `<<a*b=c>>` (and a truncated `<<…`). */
function extractLastNumber(text: string): ExtractedAnswer | null {
  let s = text;
  if (s.includes('<<')) {
    s = s.replace(/<<[^<>]*>>/g, ' ');
    const open = s.lastIndexOf('<<');
    if (open >= 0) s = s.slice(0, open);
  }
  let end = s.length - 1;
  while (end >= 0 && !isDigit(s.charCodeAt(end))) end--;
  if (end < 0) return null;
  let start = end;
  // Digits with thousands commas and a decimal point: 1,234.5
  while (start > 0 && isNumberChar(s.charCodeAt(start - 1))) start--;
  while (s[start] === ',' || s[start] === '.') start++;
  if (start > 0 && s[start - 1] === '-') start--;
  const answer = s.slice(start, end + 1);
  return { answer, how: 'last-number' };
}

function isDigit(c: number) {
  return c >= 48 && c <= 57;
}

function isNumberChar(c: number) {
  return isDigit(c) || c === 44 /* , */ || c === 46 /* . */;
}
