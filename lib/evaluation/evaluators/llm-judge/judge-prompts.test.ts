// The shipped MT-bench prompts are verbatim copies of ../shared/data/mt_bench/judge_prompts.jsonl.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MT_BENCH_PROMPTS } from './judge-prompts';

const file = path.join(process.env.WINNOW_SHARED_DATA ?? path.resolve(process.cwd(), '../shared/data'), 'mt_bench/judge_prompts.jsonl');

describe.skipIf(!fs.existsSync(file))('MT-bench judge prompts', () => {
  it('match the source file', () => {
    const rows = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { name: string; type: string; system_prompt: string; prompt_template: string; output_format: string });
    for (const p of Object.values(MT_BENCH_PROMPTS)) {
      const src = rows.find((r) => r.name === p.name)!;
      expect({ type: p.type, system: p.systemPrompt, template: p.promptTemplate, out: p.outputFormat }).toEqual({ type: src.type, system: src.system_prompt, template: src.prompt_template, out: src.output_format });
    }
    expect(Object.keys(MT_BENCH_PROMPTS).sort()).toEqual(['pair-math-v1', 'pair-v2', 'single-math-v1', 'single-v1']);
  });
});
