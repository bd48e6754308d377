// The SFT formats (openai-chat, trl-sft, sharegpt, alpaca) as one SQL statement: PostgreSQL selects
// the candidates (status, min-score, evaluator pass/fail, best first, top-k per prompt), checks the
// conversation rules and builds every JSONL line itself, byte for byte what JSON.stringify of the
// TypeScript serializers gives (lib/export/formats). The statement runs inside `COPY … TO STDOUT`
// (no bind parameters there), so every value is a validated number or an escaped literal. Pure.
//
// It holds only for prompts whose messages are all plain `{role, content}` string pairs (what import
// writes); `NOT_PLAIN_SQL` finds the others, and the export then takes the TypeScript path.
import { escapeLiteral } from 'pg';
import { statusesFor } from './select-candidates';
import type { ExportFilters, ExportFormat } from './schemas';

export const SQL_FORMATS = ['openai-chat', 'trl-sft', 'sharegpt', 'alpaca'] as const;
export type SqlFormat = (typeof SQL_FORMATS)[number];
export const isSqlFormat = (f: ExportFormat): f is SqlFormat => (SQL_FORMATS as readonly string[]).includes(f);

export type SftSqlOptions = {
  datasetId: number;
  format: SqlFormat;
  filters: ExportFilters;
  /** Run id → the system prompt the generator used (already trimmed-non-empty, as promptTurns wants). */
  runSystems: ReadonlyMap<number, string>;
  /** The characters JavaScript's trim() removes (js-whitespace.ts). */
  whitespace: string;
};

const int = (n: number, what: string) => {
  if (!Number.isSafeInteger(n)) throw new Error(`${what} must be an integer`);
  return String(n);
};

/** A prompt has a message that is not exactly {role: string, content: string}, or no message array. */
export const NOT_PLAIN_SQL = `SELECT EXISTS (
  SELECT 1 FROM prompts p WHERE p.dataset_id = $1 AND (jsonb_typeof(p.messages) <> 'array' OR EXISTS (
    SELECT 1 FROM jsonb_array_elements(p.messages) m
     WHERE jsonb_typeof(m) <> 'object' OR jsonb_typeof(m->'role') IS DISTINCT FROM 'string' OR jsonb_typeof(m->'content') IS DISTINCT FROM 'string'
        OR (SELECT count(*) FROM jsonb_object_keys(m)) <> 2))) AS not_plain`;

/**
 * `SELECT ord, external_id, run_id, line, skip`: one row per selected candidate, prompts in id order
 * (ord = the prompt's 1-based position among all the dataset's prompts), candidates best first. `line`
 * is the JSONL line (no newline) or NULL when the example is skipped; `skip` is then the reason.
 * With `count`, only `ord` and `skip` (the preview).
 */
export function sftSelectSql(o: SftSqlOptions, count = false): string {
  const ds = int(o.datasetId, 'dataset id');
  const ws = escapeLiteral(o.whitespace);
  // JS `!s.trim()`: the first character decides for almost every string, btrim only when it is blank.
  const blank = (s: string) => `(${s} = '' OR (strpos(${ws}, left(${s}, 1)) > 0 AND btrim(${s}, ${ws}) = ''))`;

  const where = [`c.prompt_id = p.id`, `c.dataset_id = ${ds}`];
  const statuses = statusesFor(o.filters.status);
  if (statuses) where.push(`c.final_status IN (${statuses.map((s) => escapeLiteral(s)).join(', ')})`);
  if (o.filters.minScore !== undefined) {
    if (!Number.isFinite(o.filters.minScore)) throw new Error('min score must be a finite number');
    where.push(`c.aggregate >= ${escapeLiteral(String(o.filters.minScore))}::float8`);
  }
  for (const f of o.filters.evaluators)
    where.push(
      `EXISTS (SELECT 1 FROM scores s JOIN evaluators e ON e.id = s.evaluator_id WHERE s.candidate_id = c.id AND e.name = ${escapeLiteral(f.name)} AND s.passed = ${f.pass ? 'true' : 'false'})`,
    );
  const limit = o.filters.topK ? `LIMIT ${int(o.filters.topK, 'top-k')}` : '';
  const best = `c.rank ASC NULLS LAST, c.aggregate DESC NULLS LAST, c.id ASC`;

  // The run's system prompt as a CASE on the run id (a handful of runs): no join per row.
  const runs = [...o.runSystems].map(([id, system]) => `WHEN ${int(id, 'run id')} THEN ${escapeLiteral(system)}`);
  const runSystem = runs.length ? `(CASE c.run_id ${runs.join(' ')} END)` : 'NULL::text';

  const alpaca = o.format === 'alpaca';
  const sharegpt = o.format === 'sharegpt';
  // P' = the prompt's messages after a leading system message; `off` is 1 when there is one.
  const off = `(CASE WHEN p.messages->0->>'role' = 'system' THEN 1 ELSE 0 END)`;
  const turn = sharegpt
    ? `'{"from":' || CASE e.m->>'role' WHEN 'system' THEN '"system"' WHEN 'user' THEN '"human"' WHEN 'assistant' THEN '"gpt"' END || ',"value":' || (e.m->'content')::text || '}'`
    : `'{"role":' || (e.m->'role')::text || ',"content":' || (e.m->'content')::text || '}'`;
  const analysis = `SELECT coalesce(bool_or(${blank(`(e.m->>'content')`)}), false) AS blank,
           count(*)::int - ${off} AS nturns,
           coalesce(bool_or(e.i > ${off} AND e.m->>'role' IS DISTINCT FROM CASE WHEN (e.i - ${off}) % 2 = 1 THEN 'user' ELSE 'assistant' END), false) AS bad_order
           ${count || alpaca ? '' : `, string_agg(${turn}, ',') AS turns`}
      FROM jsonb_array_elements(p.messages) WITH ORDINALITY AS e(m, i)`;
  const promptCols = alpaca && !count ? `, p.messages->-1->>'content' AS instruction, CASE WHEN p.messages->0->>'role' = 'system' THEN p.messages->0->>'content' END AS own_system` : '';

  // conversationProblem() on [system?, …turns, answer] (see conversation.ts): empty content first, then
  // roles that do not alternate (P' must alternate from a user turn and have odd length for the answer
  // to land on an assistant turn). Alpaca first requires a single user turn.
  const answerBlank = blank('c.content');
  const skip = alpaca
    ? `CASE WHEN p.nturns <> 1 OR p.bad_order THEN 'multi-turn' WHEN p.blank OR ${answerBlank} THEN 'empty-content' END`
    : `CASE WHEN p.blank OR ${answerBlank} THEN 'empty-content' WHEN p.bad_order OR p.nturns % 2 = 0 THEN 'roles-do-not-alternate' END`;

  const json = (s: string) => `to_json(${s})::text`;
  const line = alpaca
    ? `'{"instruction":' || ${json('p.instruction')} || ',"input":"","output":' || ${json('c.content')} || coalesce(',"system":' || ${json(`coalesce(p.own_system, ${runSystem})`)}, '') || '}'`
    : sharegpt
      ? `'{"conversations":[' || CASE WHEN ${runSystem} IS NOT NULL AND NOT p.first_system THEN '{"from":"system","value":' || ${json(runSystem)} || '},' ELSE '' END || p.turns || ',{"from":"gpt","value":' || ${json('c.content')} || '}]}'`
      : `'{"messages":[' || CASE WHEN ${runSystem} IS NOT NULL AND NOT p.first_system THEN '{"role":"system","content":' || ${json(runSystem)} || '},' ELSE '' END || p.turns || ',{"role":"assistant","content":' || ${json('c.content')} || '}]}'`;

  const select = count ? `p.ord, ${skip} AS skip` : `p.ord, p.external_id, c.run_id, CASE WHEN (${skip}) IS NULL THEN ${line} END AS line, ${skip} AS skip`;
  // No ORDER BY on the whole: a sort of a million wide rows spills to disk. The order comes from the
  // plan's shape instead: prompts in id order (the subquery's ORDER BY, kept by the nested loop that a
  // LATERAL subquery forces), each prompt's candidates best first (the inner ORDER BY). The reader
  // checks that `ord` never goes back; parallel plans are switched off for the statement.
  return `SELECT ${select}
  FROM (SELECT p.id, p.external_id, p.messages->0->>'role' = 'system' AS first_system, (row_number() OVER (ORDER BY p.id))::int AS ord, a.*${promptCols}
          FROM prompts p CROSS JOIN LATERAL (${analysis}) a
         WHERE p.dataset_id = ${ds} ORDER BY p.id OFFSET 0) p
  CROSS JOIN LATERAL (SELECT c.id, c.run_id, c.content, c.rank, c.aggregate FROM candidates c WHERE ${where.join(' AND ')} ORDER BY ${best} ${limit}) c`;
}
