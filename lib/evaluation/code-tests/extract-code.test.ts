import { describe, expect, it } from 'vitest';
import { extractCode } from './extract-code';

describe('extractCode', () => {
  it('takes the first python block', () => {
    const text = 'Here:\n```python\ndef f():\n    return 1\n```\nand a test:\n```python\nprint(f())\n```';
    expect(extractCode(text, 'python')).toEqual({ code: 'def f():\n    return 1', fenced: true });
  });

  it('accepts py, python3 and untagged fences; skips other languages', () => {
    expect(extractCode('```py\nx = 1\n```', 'python').code).toBe('x = 1');
    expect(extractCode('```\nx = 1\n```', 'python').code).toBe('x = 1');
    expect(extractCode('```bash\npip install x\n```\n```python3\nx = 2\n```', 'python').code).toBe('x = 2');
    expect(extractCode('```python\nx = 1\n```\n```js\nlet y = 2;\n```', 'javascript').code).toBe('let y = 2;');
    expect(extractCode('```javascript\nlet y = 2;\n```', 'javascript').code).toBe('let y = 2;');
  });

  it('takes a fence cut off by max_tokens to the end', () => {
    expect(extractCode('Sure!\n```python\ndef f():\n    return 1\n', 'python')).toEqual({ code: 'def f():\n    return 1', fenced: true });
  });

  it('keeps backticks inside the code and longer closing fences', () => {
    expect(extractCode('````python\ns = "```"\n````', 'python').code).toBe('s = "```"');
  });

  it('uses the whole text when there is no fence', () => {
    expect(extractCode('def f():\n    return 1\n', 'python')).toEqual({ code: 'def f():\n    return 1\n', fenced: false });
  });
});
