// ShareGPT (LLaMA-Factory, Axolotl): {"conversations": [{from: system|human|gpt, value}]}.
import { conversationProblem } from '../conversation';
import type { ChatRole } from '../types';
import type { SftFormat } from './types';

const FROM: Record<ChatRole, string> = { system: 'system', user: 'human', assistant: 'gpt' };

export const sharegpt: SftFormat = {
  kind: 'sft',
  name: 'sharegpt',
  description: 'ShareGPT: {"conversations": [{"from": "system|human|gpt", "value": …}]}',
  parquet: [{ name: 'conversations', type: 'messages', keys: ['from', 'value'] }],
  row(turns, answer) {
    const messages = [...turns, { role: 'assistant' as const, content: answer }];
    const problem = conversationProblem(messages, 'assistant');
    return problem ? { skip: problem } : { conversations: messages.map((m) => ({ from: FROM[m.role], value: m.content })) };
  },
};
