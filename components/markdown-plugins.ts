// remark plugin: keep the line breaks of model output. Markdown folds single newlines into spaces,
// which turns a step-by-step answer into one paragraph; LLM text means its newlines. Pure.

type MdNode = { type: string; value?: string; children?: MdNode[] };

function splitBreaks(node: MdNode) {
  if (!node.children) return;
  const out: MdNode[] = [];
  for (const child of node.children) {
    if (child.type === 'text' && child.value?.includes('\n')) {
      child.value.split('\n').forEach((part, i) => {
        if (i > 0) out.push({ type: 'break' });
        if (part) out.push({ type: 'text', value: part });
      });
    } else {
      splitBreaks(child);
      out.push(child);
    }
  }
  node.children = out;
}

export function remarkSoftBreaks() {
  return (tree: MdNode) => splitBreaks(tree);
}

const BLOCK_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

function htmlToText(node: MdNode) {
  if (!node.children) return;
  node.children = node.children.map((child) => {
    if (child.type !== 'html') {
      htmlToText(child);
      return child;
    }
    const text: MdNode = { type: 'text', value: child.value ?? '' };
    return BLOCK_PARENTS.has(node.type) ? { type: 'paragraph', children: [text] } : text;
  });
}

/**
 * remark plugin: raw HTML in model output or imported data is shown as the literal text it is
 * (a curator should see that an answer contains `<script>`), never interpreted and never dropped.
 */
export function remarkHtmlAsText() {
  return (tree: MdNode) => htmlToText(tree);
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const INLINE_CODE = /(`+)[^`]*?\1/g;
const ARITHMETIC_STAR = /(?<=[\d)\]])(\*+)(?=[\d(\[])/g;

/**
 * Escape `*` written between numbers (`16*7`, `(3+4)*2`) outside code, so arithmetic in model
 * answers is not read as emphasis (`<<16*7=112>> … 112*2` would otherwise lose both stars).
 */
export function protectArithmetic(md: string): string {
  if (!md.includes('*')) return md;
  let fence: string | null = null;
  return md
    .split('\n')
    .map((line) => {
      const f = FENCE.exec(line);
      if (fence) {
        if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = null;
        return line;
      }
      if (f) {
        fence = f[1];
        return line;
      }
      let out = '';
      let last = 0;
      for (const m of line.matchAll(INLINE_CODE)) {
        out += line.slice(last, m.index).replace(ARITHMETIC_STAR, (stars) => stars.replace(/\*/g, '\\*')) + m[0];
        last = m.index + m[0].length;
      }
      return out + line.slice(last).replace(ARITHMETIC_STAR, (stars) => stars.replace(/\*/g, '\\*'));
    })
    .join('\n');
}

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;
const SAFE_IMAGE = /^https?:\/\//i;

/** Only absolute http(s) and mailto links survive; anything else becomes plain text. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  const trimmed = url.trim();
  if (!SAFE_LINK.test(trimmed)) return null;
  try {
    const u = new URL(trimmed);
    return u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'mailto:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Image sources that may be offered for loading (on click): absolute http(s) only. */
export function safeImageSrc(url: string | null | undefined): { src: string; host: string } | null {
  if (!url || !SAFE_IMAGE.test(url.trim())) return null;
  try {
    const u = new URL(url.trim());
    return { src: u.href, host: u.host };
  } catch {
    return null;
  }
}

const DISPLAY_MATH = /\\\[([\s\S]+?)\\\]/g;
const INLINE_MATH = /\\\(([\s\S]+?)\\\)/g;

function convertMath(text: string): string {
  return text
    .replace(DISPLAY_MATH, (_m, body: string) => `\n$$\n${body.trim()}\n$$\n`)
    .replace(INLINE_MATH, (_m, body: string) => `$$${body.trim()}$$`);
}

/**
 * LaTeX delimiters models write, `\[…\]` (display) and `\(…\)` (inline), become remark-math's `$$`
 * forms, outside code (fenced blocks and inline code stay as written). Pure.
 */
export function normalizeMathDelimiters(md: string): string {
  if (!md.includes('\\[') && !md.includes('\\(')) return md;
  const out: string[] = [];
  let fence: string | null = null;
  let prose: string[] = [];
  const flush = () => {
    if (!prose.length) return;
    const block = prose.join('\n');
    let res = '';
    let last = 0;
    for (const m of block.matchAll(INLINE_CODE)) {
      res += convertMath(block.slice(last, m.index)) + m[0];
      last = m.index + m[0].length;
    }
    out.push(res + convertMath(block.slice(last)));
    prose = [];
  };
  for (const line of md.split('\n')) {
    const f = FENCE.exec(line);
    if (fence) {
      out.push(line);
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = null;
      continue;
    }
    if (f) {
      flush();
      fence = f[1];
      out.push(line);
      continue;
    }
    prose.push(line);
  }
  flush();
  return out.join('\n');
}
