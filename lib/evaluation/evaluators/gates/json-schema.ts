// json-schema (gate): the candidate's JSON (the whole answer, or its first ```json block / {…} / […])
// validates against a JSON Schema (Ajv, draft-07 and 2019-09 keywords it supports by default).
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { z } from 'zod';
import type { EvaluatorDefinition } from '../types';
import { gateResult } from './shared';

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new WeakMap<object, ValidateFunction>();

function compile(schema: Record<string, unknown>): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

export const jsonSchemaConfigSchema = z
  .strictObject(
    {
      schema: z.record(z.string(), z.unknown(), { error: 'is required: a JSON Schema object' }),
      /** whole: the answer must be JSON; block: its first fenced code block; auto: whole, else block, else the first {…}/[…]. */
      extract: z.enum(['auto', 'whole', 'block'], { error: 'must be "auto", "whole" or "block"' }).default('auto'),
    },
    { error: 'must be a JSON object' },
  )
  .superRefine((c, ctx) => {
    try {
      new Ajv({ strict: false }).compile(c.schema);
    } catch (e) {
      ctx.addIssue({ code: 'custom', path: ['schema'], message: `is not a valid JSON Schema: ${(e as Error).message}` });
    }
  });
export type JsonSchemaConfig = z.output<typeof jsonSchemaConfigSchema>;

const FENCE = /```[a-zA-Z0-9_-]*[ \t]*\n([\s\S]*?)```/;

/** The JSON value the candidate states, or an explanation of why there is none. */
export function extractJson(content: string, how: JsonSchemaConfig['extract']): { ok: true; value: unknown } | { ok: false; reason: string } {
  const tryParse = (s: string | undefined) => {
    if (s === undefined) return undefined;
    try {
      return { value: JSON.parse(s) as unknown };
    } catch {
      return undefined;
    }
  };
  if (how !== 'block') {
    const whole = tryParse(content.trim());
    if (whole) return { ok: true, value: whole.value };
    if (how === 'whole') return { ok: false, reason: 'the answer is not valid JSON' };
  }
  const block = FENCE.exec(content)?.[1];
  const fromBlock = tryParse(block?.trim());
  if (fromBlock) return { ok: true, value: fromBlock.value };
  if (how === 'block') return { ok: false, reason: block === undefined ? 'no fenced code block' : 'the code block is not valid JSON' };
  const start = content.search(/[[{]/);
  if (start >= 0) {
    const close = content[start] === '{' ? '}' : ']';
    const end = content.lastIndexOf(close);
    const inner = end > start ? tryParse(content.slice(start, end + 1)) : undefined;
    if (inner) return { ok: true, value: inner.value };
  }
  return { ok: false, reason: 'no JSON found in the answer' };
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  if (!errors?.length) return 'does not match the schema';
  const shown = errors.slice(0, 3).map((e) => {
    const where = e.instancePath || '(root)';
    const extra = e.keyword === 'additionalProperties' ? ` (${(e.params as { additionalProperty: string }).additionalProperty})` : '';
    return `${where} ${e.message ?? 'is invalid'}${extra}`;
  });
  return shown.join('; ') + (errors.length > 3 ? ` (+${errors.length - 3} more)` : '');
}

export const jsonSchemaEvaluator: EvaluatorDefinition<JsonSchemaConfig> = {
  kind: 'json-schema',
  defaultRole: 'gate',
  configSchema: jsonSchemaConfigSchema,
  promptsPerJob: 200,
  async evaluate({ candidates, config }) {
    const validate = compile(config.schema);
    return candidates.map((c) => {
      const found = extractJson(c.content, config.extract);
      if (!found.ok) return gateResult(c, false, found.reason);
      const passed = validate(found.value);
      return gateResult(c, passed, passed ? 'valid against the schema' : describeErrors(validate.errors));
    });
  },
};
