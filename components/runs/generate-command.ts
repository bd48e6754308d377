// The `npm run winnow -- generate …` command equivalent to the Start generation form (pure).

export type GenerateFormValues = {
  endpoint: string;
  n: string;
  temperature: string;
  topP: string;
  maxTokens: string;
  seed: string;
  system: string;
  onlyUnsolved: boolean;
  batch: boolean;
};

/** POSIX shell quoting: bare when safe, else single quotes with embedded quotes escaped. */
export function shellQuote(value: string): string {
  if (/^[\w@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function generateCommand(dataset: string, v: GenerateFormValues): string {
  const parts = ['npm run winnow -- generate', `--dataset ${shellQuote(dataset)}`, `--endpoint ${shellQuote(v.endpoint || '<endpoint>')}`, `--n ${shellQuote(v.n.trim() || '1')}`];
  const opt = (flag: string, value: string) => {
    if (value.trim() !== '') parts.push(`${flag} ${shellQuote(value.trim())}`);
  };
  opt('--temperature', v.temperature);
  opt('--top-p', v.topP);
  opt('--max-tokens', v.maxTokens);
  opt('--seed', v.seed);
  if (v.system.trim() !== '') parts.push(`--system ${shellQuote(v.system)}`);
  if (v.onlyUnsolved) parts.push('--only-unsolved');
  if (v.batch) parts.push('--batch');
  parts.push('--wait');
  return parts.join(' ');
}
