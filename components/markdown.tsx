// The one way untrusted text (prompts, candidates, references, rationales) becomes rich text.
// No raw HTML: HTML in the text is shown as literal text (remarkHtmlAsText; skipHtml as a second
// guard, no rehype-raw), links only for http(s)/mailto and opened in a new tab
// without referrer or opener, images never loaded until a click, code in scrollable monospace.
// Never dangerouslySetInnerHTML.
// Code with a language tag is highlighted (rehype-highlight: spans with classes, no auto-detection);
// math between $$…$$, \(…\) or \[…\] is typeset by KaTeX (trust off: no \href, \url, \html*;
// size and macro expansion capped; errors shown as text). Single dollars stay money ("$5 and $10").
import 'katex/dist/katex.min.css';
import 'highlight.js/styles/github.css';
import Markdown, { type Components } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import rehypeKatex from 'rehype-katex';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { cn } from './ui/cn';
import { MarkdownImage } from './markdown-image';
import { normalizeMathDelimiters, protectArithmetic, remarkHtmlAsText, remarkSoftBreaks, safeHref, safeImageSrc } from './markdown-plugins';

const components: Components = {
  a({ href, children }) {
    const safe = safeHref(href);
    // Not a web link (javascript:, data:, relative …): plain text, with the target shown on hover.
    if (!safe) return <span title={href ? `Not opened: ${href.slice(0, 200)}` : undefined} className="underline decoration-zinc-300 decoration-dotted underline-offset-2">{children}</span>;
    return (
      <a href={safe} target="_blank" rel="noopener noreferrer nofollow">
        {children}
      </a>
    );
  },
  img({ src, alt }) {
    const safe = safeImageSrc(typeof src === 'string' ? src : null);
    if (!safe) return <span className="text-zinc-500">[image{alt ? `: ${alt}` : ''}]</span>;
    return <MarkdownImage src={safe.src} host={safe.host} alt={alt ?? ''} />;
  },
  pre({ node, children }) {
    const code = node?.children?.[0];
    const classes = code && 'properties' in code ? code.properties?.className : undefined;
    const lang = Array.isArray(classes) ? String(classes.find((c) => String(c).startsWith('language-')) ?? '').slice(9) : '';
    return (
      <div className="relative">
        {lang && <span className="pointer-events-none absolute top-1 right-2 font-mono text-[10px] tracking-wide text-zinc-400 uppercase">{lang}</span>}
        <pre>{children}</pre>
      </div>
    );
  },
  table({ children }) {
    return (
      <div className="overflow-x-auto">
        <table>{children}</table>
      </div>
    );
  },
};

// Links and images are vetted in the components above; keep the URL as written so they can decide.
const keepUrl = (url: string) => url;

const remarkPlugins = [remarkGfm, [remarkMath, { singleDollarTextMath: false }], remarkHtmlAsText, remarkSoftBreaks] as const;
const rehypePlugins = [
  [rehypeKatex, { throwOnError: false, trust: false, strict: 'ignore', maxSize: 20, maxExpand: 200, output: 'htmlAndMathml' }],
  [rehypeHighlight, { detect: false }],
] as const;

export function MarkdownText({ text, className }: { text: string; className?: string }) {
  return (
    <div className={cn('winnow-md', className)}>
      <Markdown
        remarkPlugins={remarkPlugins as never}
        rehypePlugins={rehypePlugins as never}
        skipHtml
        urlTransform={keepUrl}
        components={components}
      >
        {normalizeMathDelimiters(protectArithmetic(text))}
      </Markdown>
    </div>
  );
}

export { RawText } from './raw-text';
