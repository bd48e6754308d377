// MT-bench LLM-as-judge prompt templates, copied verbatim (single grading and pairwise, with and
// without a reference answer).
// Source: lm-sys/FastChat, fastchat/llm_judge/data/judge_prompts.jsonl (via ../shared/data/mt_bench).
// Licence: Apache-2.0, Copyright LMSYS / the FastChat authors. Multi-turn variants are not shipped:
// Winnow judges the final answer of a conversation and renders earlier turns into {question}.

export interface MtBenchPrompt {
  name: string;
  type: 'single' | 'pairwise';
  systemPrompt: string;
  promptTemplate: string;
  outputFormat: string;
}

export const MT_BENCH_PROMPTS = {
  "pair-v2": {
    name: "pair-v2",
    type: "pairwise",
    systemPrompt:
      "Please act as an impartial judge and evaluate the quality of the responses provided by two AI assistants to the user question displayed below. You should choose the assistant that follows the user's instructions and answers the user's question better. Your evaluation should consider factors such as the helpfulness, relevance, accuracy, depth, creativity, and level of detail of their responses. Begin your evaluation by comparing the two responses and provide a short explanation. Avoid any position biases and ensure that the order in which the responses were presented does not influence your decision. Do not allow the length of the responses to influence your evaluation. Do not favor certain names of the assistants. Be as objective as possible. After providing your explanation, output your final verdict by strictly following this format: \"[[A]]\" if assistant A is better, \"[[B]]\" if assistant B is better, and \"[[C]]\" for a tie.",
    promptTemplate:
      "[User Question]\n{question}\n\n[The Start of Assistant A's Answer]\n{answer_a}\n[The End of Assistant A's Answer]\n\n[The Start of Assistant B's Answer]\n{answer_b}\n[The End of Assistant B's Answer]",
    outputFormat: "[[A]]",
  },
  "pair-math-v1": {
    name: "pair-math-v1",
    type: "pairwise",
    systemPrompt:
      "Please act as an impartial judge and evaluate the quality of the responses provided by two AI assistants to the user question displayed below. Your evaluation should consider correctness and helpfulness. You will be given a reference answer, assistant A's answer, and assistant B's answer. Your job is to evaluate which assistant's answer is better. Begin your evaluation by comparing both assistants' answers with the reference answer. Identify and correct any mistakes. Avoid any position biases and ensure that the order in which the responses were presented does not influence your decision. Do not allow the length of the responses to influence your evaluation. Do not favor certain names of the assistants. Be as objective as possible. After providing your explanation, output your final verdict by strictly following this format: \"[[A]]\" if assistant A is better, \"[[B]]\" if assistant B is better, and \"[[C]]\" for a tie.",
    promptTemplate:
      "[User Question]\n{question}\n\n[The Start of Reference Answer]\n{ref_answer_1}\n[The End of Reference Answer]\n\n[The Start of Assistant A's Answer]\n{answer_a}\n[The End of Assistant A's Answer]\n\n[The Start of Assistant B's Answer]\n{answer_b}\n[The End of Assistant B's Answer]",
    outputFormat: "[[A]]",
  },
  "single-v1": {
    name: "single-v1",
    type: "single",
    systemPrompt:
      "You are a helpful assistant.",
    promptTemplate:
      "[Instruction]\nPlease act as an impartial judge and evaluate the quality of the response provided by an AI assistant to the user question displayed below. Your evaluation should consider factors such as the helpfulness, relevance, accuracy, depth, creativity, and level of detail of the response. Begin your evaluation by providing a short explanation. Be as objective as possible. After providing your explanation, you must rate the response on a scale of 1 to 10 by strictly following this format: \"[[rating]]\", for example: \"Rating: [[5]]\".\n\n[Question]\n{question}\n\n[The Start of Assistant's Answer]\n{answer}\n[The End of Assistant's Answer]",
    outputFormat: "[[rating]]",
  },
  "single-math-v1": {
    name: "single-math-v1",
    type: "single",
    systemPrompt:
      "You are a helpful assistant.",
    promptTemplate:
      "[Instruction]\nPlease act as an impartial judge and evaluate the quality of the response provided by an AI assistant to the user question displayed below. Your evaluation should consider correctness and helpfulness. You will be given a reference answer and the assistant's answer. Begin your evaluation by comparing the assistant's answer with the reference answer. Identify and correct any mistakes. Be as objective as possible. After providing your explanation, you must rate the response on a scale of 1 to 10 by strictly following this format: \"[[rating]]\", for example: \"Rating: [[5]]\".\n\n[Question]\n{question}\n\n[The Start of Reference Answer]\n{ref_answer_1}\n[The End of Reference Answer]\n\n[The Start of Assistant's Answer]\n{answer}\n[The End of Assistant's Answer]",
    outputFormat: "[[rating]]",
  },
} as const satisfies Record<string, MtBenchPrompt>;
