// JSON schemas sent as response_format (OpenAI structured outputs; vLLM and others accept the same
// shape). The rationale comes first so the model explains before it commits to a number.

export function scoreResponseFormat(scale: number): Record<string, unknown> {
  return {
    type: 'json_schema',
    json_schema: {
      name: 'judge_score',
      strict: true,
      schema: {
        type: 'object',
        properties: { rationale: { type: 'string' }, score: { type: 'integer', minimum: 1, maximum: scale } },
        required: ['rationale', 'score'],
        additionalProperties: false,
      },
    },
  };
}

export function verdictResponseFormat(): Record<string, unknown> {
  return {
    type: 'json_schema',
    json_schema: {
      name: 'judge_verdict',
      strict: true,
      schema: {
        type: 'object',
        properties: { rationale: { type: 'string' }, winner: { type: 'string', enum: ['A', 'B', 'tie'] } },
        required: ['rationale', 'winner'],
        additionalProperties: false,
      },
    },
  };
}
