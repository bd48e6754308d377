// TRL SFTTrainer, conversational dataset format: {"messages": [{role, content}, …]} per line.
import { conversationProblem } from '../conversation';
import type { SftFormat } from './types';

export const trlSft: SftFormat = {
  kind: 'sft',
  name: 'trl-sft',
  description: 'TRL SFTTrainer conversational: {"messages": […]} per line',
  parquet: [{ name: 'messages', type: 'messages', keys: ['role', 'content'] }],
  row(turns, answer) {
    const messages = [...turns, { role: 'assistant' as const, content: answer }];
    const problem = conversationProblem(messages, 'assistant');
    return problem ? { skip: problem } : { messages };
  },
};
