// OpenAI preference fine-tuning (DPO): input.messages, preferred_output, non_preferred_output.
import { conversationProblem } from '../conversation';
import type { DpoFormat } from './types';

export const openaiDpo: DpoFormat = {
  kind: 'dpo',
  name: 'openai-dpo',
  description: 'OpenAI preference fine-tuning: {"input": {"messages": […]}, "preferred_output": […], "non_preferred_output": […]}',
  parquet: null, // OpenAI takes JSONL only
  row(turns, chosen, rejected) {
    const problem = conversationProblem(turns, 'user') ?? (!chosen.trim() || !rejected.trim() ? 'empty-content' : null);
    if (problem) return { skip: problem };
    return {
      input: { messages: turns },
      preferred_output: [{ role: 'assistant', content: chosen }],
      non_preferred_output: [{ role: 'assistant', content: rejected }],
    };
  },
};
