// Alpaca (LLaMA-Factory, Axolotl): instruction / input / output, plus `system` when the prompt has
// one. Single-turn only: a multi-turn prompt is skipped and counted, never flattened.
import { conversationProblem, isSingleTurn } from '../conversation';
import type { SftFormat } from './types';

export const alpaca: SftFormat = {
  kind: 'sft',
  name: 'alpaca',
  description: 'Alpaca: {"instruction", "input", "output"} (+ "system"); single-turn prompts only',
  parquet: [
    { name: 'instruction', type: 'string' },
    { name: 'input', type: 'string' },
    { name: 'output', type: 'string' },
    { name: 'system', type: 'optional-string' },
  ],
  row(turns, answer) {
    if (!isSingleTurn(turns)) return { skip: 'multi-turn' };
    const problem = conversationProblem([...turns, { role: 'assistant', content: answer }], 'assistant');
    if (problem) return { skip: problem };
    const system = turns[0].role === 'system' ? turns[0].content : undefined;
    return { instruction: turns.at(-1)!.content, input: '', output: answer, ...(system !== undefined ? { system } : {}) };
  },
};
