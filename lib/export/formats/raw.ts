// raw: one line per candidate with everything Winnow knows. Re-importable (lib/import/import-raw.ts).
import type { RawFormat } from './types';

export const raw: RawFormat = {
  kind: 'raw',
  name: 'raw',
  description: 'Everything Winnow knows, one line per candidate; re-importable',
  parquet: [
    { name: 'prompt_id', type: 'string' },
    { name: 'sample_index', type: 'int' },
    { name: 'messages', type: 'json' },
    { name: 'reference', type: 'json' },
    { name: 'metadata', type: 'json' },
    { name: 'content', type: 'string' },
    { name: 'model', type: 'optional-string' },
    { name: 'run', type: 'json' },
    { name: 'scores', type: 'json' },
    { name: 'aggregate', type: 'optional-double' },
    { name: 'rank', type: 'optional-int' },
    { name: 'duplicate', type: 'boolean' },
    { name: 'auto_verdict', type: 'string' },
    { name: 'decision', type: 'json' },
    { name: 'final_status', type: 'string' },
  ],
  row(prompt, c, ctx) {
    const run = ctx.runs.get(c.runId);
    return {
      prompt_id: prompt.externalId,
      sample_index: c.sampleIndex,
      messages: prompt.messages,
      reference: prompt.reference ?? null,
      metadata: prompt.metadata ?? null,
      content: c.content,
      model: c.model,
      run: run ? { id: run.id, kind: run.kind, model: run.model, params: run.params } : { id: c.runId },
      scores: c.scores,
      aggregate: c.aggregate,
      rank: c.rank,
      duplicate: c.duplicateOfId !== null,
      auto_verdict: c.autoVerdict,
      decision: c.decision ?? null,
      final_status: c.finalStatus,
    };
  },
};
