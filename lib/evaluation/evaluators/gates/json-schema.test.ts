import { describe, expect, it } from 'vitest';
import { extractJson, jsonSchemaEvaluator as def } from './json-schema';
import { cands, passes, prompt, run } from './test-helpers';

const schema = { type: 'object', required: ['answer'], properties: { answer: { type: 'integer' } }, additionalProperties: false };

describe('json-schema gate', () => {
  it.each([
    [{ schema }, '{"answer": 4}', true],
    [{ schema }, '{"answer": "4"}', false],
    [{ schema }, '{"answer": 4, "extra": 1}', false],
    [{ schema }, 'Here you go:\n```json\n{"answer": 4}\n```', true],
    [{ schema }, 'The result is {"answer": 4} as requested.', true],
    [{ schema, extract: 'whole' }, 'Result: {"answer": 4}', false],
    [{ schema, extract: 'block' }, '{"answer": 4}', false],
    [{ schema }, 'no json here', false],
  ])('config %j on %j → %s', async (config, content, expected) => {
    expect(await passes(def, config, null, content)).toBe(expected);
  });

  it('names the failing path in the rationale', async () => {
    const [r] = await run(def, { schema }, prompt(null), cands('{"answer": "x"}'));
    expect(r.rationale).toBe('/answer must be integer');
  });

  it('refuses a config without a valid schema, naming the field', () => {
    expect(def.configSchema.safeParse({}).error!.issues[0].path).toEqual(['schema']);
    expect(def.configSchema.safeParse({ schema: { type: 'nonsense' } }).error!.issues[0].path).toEqual(['schema']);
  });

  it('extracts arrays too', () => {
    expect(extractJson('list: [1, 2]', 'auto')).toEqual({ ok: true, value: [1, 2] });
  });
});
