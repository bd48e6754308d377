// OpenAI fine-tuning (chat): {"messages": [system?, user, assistant, …, assistant]} per line.
import { conversationProblem } from '../conversation';
import type { SftFormat } from './types';

export const openaiChat: SftFormat = {
  kind: 'sft',
  name: 'openai-chat',
  description: 'OpenAI chat fine-tuning: {"messages": […]} per line, the answer as the last assistant message',
  parquet: [{ name: 'messages', type: 'messages', keys: ['role', 'content'] }],
  row(turns, answer) {
    const messages = [...turns, { role: 'assistant' as const, content: answer }];
    const problem = conversationProblem(messages, 'assistant');
    return problem ? { skip: problem } : { messages };
  },
};
