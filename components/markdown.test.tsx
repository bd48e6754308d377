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
    expect(out).toMatch(/<pre><code class="language-py">x = 1\n<\/code><\/pre>/);
  });
});
