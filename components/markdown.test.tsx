import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MarkdownText } from './markdown';

const html = (text: string) => renderToStaticMarkup(<MarkdownText text={text} />);

describe('MarkdownText (untrusted text)', () => {
  it('never emits raw HTML; shows it as text', () => {
    const out = html('<script>alert(1)</script>\n\nhi <img src=x onerror=alert(2)> <b>b</b>');
    expect(out).not.toMatch(/<script|<img|<b>|<[^>]*onerror/i);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('&lt;b&gt;');
  });

  it('links only http(s)/mailto, in a new tab without referrer/opener', () => {
    const out = html('[ok](https://example.com) [m](mailto:a@b.c) [bad](javascript:alert(1)) [d](data:text/html,x) [rel](/x)');
    expect(out.match(/<a /g)).toHaveLength(2);
    expect(out).toContain('href="https://example.com/" target="_blank" rel="noopener noreferrer nofollow"');
    expect(out).not.toMatch(/href="(javascript|data|\/x)/);
    expect(out).toContain('Not opened: javascript:alert(1)');
  });

  it('does not load images', () => {
    const out = html('![cat](https://img.example.com/c.png) ![x](data:image/png;base64,AA)');
    expect(out).not.toContain('<img');
    expect(out).toContain('Load image from');
    expect(out).toContain('img.example.com');
    expect(out).toContain('[image: x]');
  });

  it('keeps arithmetic and line breaks; code in scrollable pre', () => {
    const out = html('16*7=112\n112*2=224\n\n```py\nx = 1\n```');
    expect(out).toMatch(/16\*7=112<br\/>\s*112\*2=224/);
    expect(out).not.toContain('<em>');
    expect(out).toMatch(/<pre><code class="hljs language-py">x = <span class="hljs-number">1<\/span>\n<\/code><\/pre>/);
  });
});

describe('MarkdownText: code and math', () => {
  it('highlights code with a language tag, never guesses one', () => {
    const out = html('```js\nconst x = "s";\n```\n\n```\nplain text\n```');
    expect(out).toMatch(/<code class="hljs language-js">.*<span class="hljs-keyword">const<\/span>/s);
    expect(out).toContain('<code>plain text\n</code>');
  });

  it('typesets $$…$$, \\(…\\) and \\[…\\] with KaTeX; single dollars stay money', () => {
    const out = html('Area $$\\frac{1}{2}$$ and \\(x^2\\).\n\n\\[\ny = 3\n\\]\n\nIt costs $5 and $10.');
    expect(out).toContain('class="katex"');
    expect(out).toContain('class="katex-display"');
    expect(out.match(/class="katex"/g)!.length).toBe(3);
    expect(out).toContain('It costs $5 and $10.');
  });

  it('math cannot smuggle links, HTML or styles', () => {
    const out = html('$$\\href{javascript:alert(1)}{x} \\htmlClass{evil}{y} \\url{https://e.com}$$');
    expect(out).toContain('class="katex"');
    expect(out).not.toMatch(/<a |href=|class="evil"/); // "javascript:" survives only as the shown source text
  });

  it('leaves math delimiters inside code alone', () => {
    const out = html('`\\(a\\)`\n\n```\n\\[b\\]\n```');
    expect(out).not.toContain('katex');
    expect(out).toContain('\\(a\\)');
  });
});
