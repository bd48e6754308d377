// TRL DPOTrainer, conversational preference format: prompt (messages), chosen and rejected
// (assistant message lists).
import { conversationProblem } from '../conversation';
import type { DpoFormat } from './types';

export const trlDpo: DpoFormat = {
  kind: 'dpo',
  name: 'trl-dpo',
  description: 'TRL DPOTrainer conversational: {"prompt": […], "chosen": [assistant], "rejected": [assistant]}',
  parquet: [
    { name: 'prompt', type: 'messages', keys: ['role', 'content'] },
    { name: 'chosen', type: 'messages', keys: ['role', 'content'] },
    { name: 'rejected', type: 'messages', keys: ['role', 'content'] },
  ],
  row(turns, chosen, rejected) {
    const problem = conversationProblem(turns, 'user') ?? (!chosen.trim() || !rejected.trim() ? 'empty-content' : null);
    if (problem) return { skip: problem };
    return { prompt: turns, chosen: [{ role: 'assistant', content: chosen }], rejected: [{ role: 'assistant', content: rejected }] };
  },
};
