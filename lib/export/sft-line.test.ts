import { describe, expect, it } from 'vitest';
import { SftLineWriter } from './sft-line';
import { SFT_FIELDS } from './sft-sql';

type Fields = { head: string | null; content: string; ownSystem?: string | null; firstSystem?: boolean };

/** One row laid out as the binary COPY reader reports it: byte ranges of one buffer, -1 for NULL. */
function row(f: Fields) {
  const n = Object.keys(SFT_FIELDS).length;
  const starts = new Int32Array(n);
  const ends = new Int32Array(n).fill(-1);
  const parts: Buffer[] = [Buffer.from('junk')];
  let at = 4;
  const put = (i: number, b: Buffer) => {
    starts[i] = at;
    ends[i] = at + b.length;
    parts.push(b, Buffer.from('|'));
    at += b.length + 1;
  };
  if (f.head !== null) put(SFT_FIELDS.head, Buffer.from(f.head));
  put(SFT_FIELDS.content, Buffer.from(JSON.stringify(f.content)));
  if (f.ownSystem != null) put(SFT_FIELDS.ownSystem, Buffer.from(JSON.stringify(f.ownSystem)));
  if (f.firstSystem !== undefined) put(SFT_FIELDS.firstSystem, Buffer.from([f.firstSystem ? 1 : 0]));
  return { src: Buffer.concat(parts), starts, ends };
}

function line(w: SftLineWriter, f: Fields, run: number): string {
  const { src, starts, ends } = row(f);
  const size = w.maxLength(starts, ends, run);
  const dst = Buffer.alloc(size + 8, 0xee);
  const end = w.write(src, starts, ends, run, dst, 3);
  expect(end - 3).toBeLessThanOrEqual(size);
  expect(dst[end]).toBe(0xee);
  return dst.toString('utf8', 3, end);
}

const systems = new Map([[7, 'Be terse 🙂 "ok"']]);
const user = { role: 'user', content: 'Q 你好\n' };

describe('SftLineWriter', () => {
  it('trl-sft: the run system prompt first unless the prompt has its own, then the turns and the answer', () => {
    const w = new SftLineWriter('trl-sft', systems);
    const head = JSON.stringify(user);
    const answer = { role: 'assistant', content: 'A "quoted" \u0001 🙂' };
    expect(line(w, { head, content: answer.content, firstSystem: false }, 7)).toBe(
      JSON.stringify({ messages: [{ role: 'system', content: systems.get(7) }, user, answer] }) + '\n',
    );
    expect(line(w, { head, content: answer.content, firstSystem: true }, 7)).toBe(JSON.stringify({ messages: [user, answer] }) + '\n');
    expect(line(w, { head, content: answer.content, firstSystem: false }, 8)).toBe(JSON.stringify({ messages: [user, answer] }) + '\n');
  });

  it('sharegpt and alpaca: their own field names; alpaca prefers the prompt system over the run one', () => {
    const share = new SftLineWriter('sharegpt', systems);
    expect(line(share, { head: '{"from":"human","value":"q"}', content: 'a', firstSystem: false }, 7)).toBe(
      JSON.stringify({ conversations: [{ from: 'system', value: systems.get(7) }, { from: 'human', value: 'q' }, { from: 'gpt', value: 'a' }] }) + '\n',
    );
    const alpaca = new SftLineWriter('alpaca', systems);
    const base = { instruction: 'do 中文', input: '', output: 'done\t' };
    expect(line(alpaca, { head: JSON.stringify(base.instruction), content: base.output }, 8)).toBe(JSON.stringify(base) + '\n');
    expect(line(alpaca, { head: JSON.stringify(base.instruction), content: base.output }, 7)).toBe(JSON.stringify({ ...base, system: systems.get(7) }) + '\n');
    expect(line(alpaca, { head: JSON.stringify(base.instruction), content: base.output, ownSystem: 'own' }, 7)).toBe(JSON.stringify({ ...base, system: 'own' }) + '\n');
  });

  it('refuses a row without the prompt part', () => {
    const w = new SftLineWriter('openai-chat', new Map());
    expect(() => line(w, { head: null, content: 'a', firstSystem: false }, 1)).toThrow(/prompt part/);
  });
});
