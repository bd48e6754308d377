import { describe, expect, it } from 'vitest';
import { protectArithmetic, remarkHtmlAsText, remarkSoftBreaks, safeHref, safeImageSrc } from './markdown-plugins';

describe('remarkSoftBreaks', () => {
  it('turns newlines in text into break nodes and leaves code alone', () => {
    const tree = {
      type: 'root',
      children: [
        { type: 'paragraph', children: [{ type: 'text', value: 'a\nb\n' }, { type: 'emphasis', children: [{ type: 'text', value: 'c\nd' }] }] },
        { type: 'code', value: 'x\ny' },
      ],
    };
    remarkSoftBreaks()(tree);
    expect(tree.children[0].children).toEqual([
      { type: 'text', value: 'a' },
      { type: 'break' },
      { type: 'text', value: 'b' },
      { type: 'break' },
      { type: 'emphasis', children: [{ type: 'text', value: 'c' }, { type: 'break' }, { type: 'text', value: 'd' }] },
    ]);
    expect(tree.children[1]).toEqual({ type: 'code', value: 'x\ny' });
  });
});

describe('safeHref', () => {
  it('allows http, https, mailto only', () => {
    expect(safeHref('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(safeHref('HTTP://EXAMPLE.com')).toBe('http://example.com/');
    expect(safeHref('mailto:a@b.c')).toBe('mailto:a@b.c');
    for (const bad of ['javascript:alert(1)', ' javascript:alert(1)', 'data:text/html,x', '/datasets', '#top', '//evil.com', 'vbscript:x', '', null]) {
      expect(safeHref(bad)).toBeNull();
    }
  });
});

describe('safeImageSrc', () => {
  it('gives the host of http(s) images, nothing for others', () => {
    expect(safeImageSrc('https://img.example.com/cat.png')).toEqual({ src: 'https://img.example.com/cat.png', host: 'img.example.com' });
    expect(safeImageSrc('data:image/png;base64,AAAA')).toBeNull();
    expect(safeImageSrc('/local.png')).toBeNull();
  });
});

describe('remarkHtmlAsText', () => {
  it('turns html nodes into visible text', () => {
    const tree = {
      type: 'root',
      children: [
        { type: 'html', value: '<script>alert(1)</script>' },
        { type: 'paragraph', children: [{ type: 'text', value: 'a ' }, { type: 'html', value: '<b>' }] },
      ],
    };
    remarkHtmlAsText()(tree);
    expect(tree.children).toEqual([
      { type: 'paragraph', children: [{ type: 'text', value: '<script>alert(1)</script>' }] },
      { type: 'paragraph', children: [{ type: 'text', value: 'a ' }, { type: 'text', value: '<b>' }] },
    ]);
  });
});

describe('protectArithmetic', () => {
  it('escapes stars between numbers', () => {
    expect(protectArithmetic('16*7=112 and (3+4)*2 and 2**3')).toBe('16\\*7=112 and (3+4)\\*2 and 2\\*\\*3');
  });
  it('leaves emphasis, spaced stars and code alone', () => {
    expect(protectArithmetic('**18** and *em* and 16 * 7')).toBe('**18** and *em* and 16 * 7');
    expect(protectArithmetic('`16*7` then 1*2')).toBe('`16*7` then 1\\*2');
    expect(protectArithmetic('```py\nx = 16*7\n```\n3*4')).toBe('```py\nx = 16*7\n```\n3\\*4');
  });
});
