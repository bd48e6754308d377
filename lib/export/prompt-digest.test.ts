import { describe, expect, it } from 'vitest';
import { DigestBuilder, diffDigests, hashPromptRows, readDigest } from './prompt-digest';
import { manifestPathFor } from './manifest';

describe('prompt digest', () => {
  it('round-trips ids (incl. tabs, quotes, CJK) and diffs two versions', () => {
    const a = new DigestBuilder();
    a.add('p1', hashPromptRows('x\n'));
    a.add('tab\tid "q"', hashPromptRows('y\n'));
    a.add('中文', hashPromptRows('z\n'));
    const b = new DigestBuilder();
    b.add('p1', hashPromptRows('x\n'));
    b.add('中文', hashPromptRows('changed\n'));
    b.add('p4', hashPromptRows('new\n'));
    const da = readDigest(a.finish());
    expect([...da.keys()]).toEqual(['p1', 'tab\tid "q"', '中文']);
    expect(diffDigests(da, readDigest(b.finish()))).toEqual({ added: ['p4'], removed: ['tab\tid "q"'], changed: ['中文'], unchanged: 1 });
  });

  it('puts the manifest beside the file', () => {
    expect(manifestPathFor('/tmp/out/train.jsonl')).toBe('/tmp/out/train.manifest.json');
    expect(manifestPathFor('train.parquet')).toBe('train.manifest.json');
    expect(manifestPathFor('/a/.hidden')).toBe('/a/.hidden.manifest.json');
  });
});
