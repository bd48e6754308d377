import { describe, expect, it } from 'vitest';
import { generateCommand, shellQuote } from './generate-command';

const base = { endpoint: 'vllm', n: '4', temperature: '', topP: '', maxTokens: '', seed: '', system: '', onlyUnsolved: false, batch: false };

describe('generateCommand', () => {
  it('quotes only what the shell would split or expand', () => {
    expect(shellQuote('gsm8k-demo')).toBe('gsm8k-demo');
    expect(shellQuote('my data')).toBe("'my data'");
    expect(shellQuote("it's $HOME")).toBe("'it'\\''s $HOME'");
  });

  it('names only the options that were given', () => {
    expect(generateCommand('gsm8k-demo', base)).toBe('npm run winnow -- generate --dataset gsm8k-demo --endpoint vllm --n 4 --wait');
    expect(generateCommand('my set', { ...base, temperature: '0.7', topP: '0.95', maxTokens: '512', seed: '7', system: "Be brief; don't ramble.", onlyUnsolved: true, batch: true })).toBe(
      "npm run winnow -- generate --dataset 'my set' --endpoint vllm --n 4 --temperature 0.7 --top-p 0.95 --max-tokens 512 --seed 7 --system 'Be brief; don'\\''t ramble.' --only-unsolved --batch --wait",
    );
  });
});
