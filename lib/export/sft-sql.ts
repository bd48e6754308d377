// The SFT formats (openai-chat, trl-sft, sharegpt, alpaca) as one SQL statement: PostgreSQL selects
// the candidates (status, min-score, evaluator pass/fail, best first, top-k per prompt), checks the
// conversation rules and gives, per row, the answer and the prompt's part of the JSONL line as JSON
// text; the reader (stream-sql-export.ts) puts them together, byte for byte what JSON.stringify
// of the TypeScript serializers gives (lib/export/formats). The statement runs inside `COPY … TO
// STDOUT` (no bind parameters there), so every value is a validated number or an escaped literal. Pure.
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
  /** The characters JavaScript's trim() removes (js-whitespace.ts). */
  whitespace: string;
};

const int = (n: number, what: string) => {
  if (!Number.isSafeInteger(n)) throw new Error(`${what} must be an integer`);
  return String(n);
};

const notPlainMessage = (m: string, keys: string) => `CASE WHEN jsonb_typeof(${m}) <> 'object' THEN true
  ELSE jsonb_typeof(${m}->'role') IS DISTINCT FROM 'string' OR jsonb_typeof(${m}->'content') IS DISTINCT FROM 'string' OR ${keys} END`;

/**
 * A prompt has a message that is not exactly {role: string, content: string}, or no message array. A
 * prompt of one message is checked directly (no jsonb_array_elements: ~3× cheaper).
 */
export const NOT_PLAIN_SQL = `SELECT EXISTS (
  SELECT 1 FROM prompts p WHERE p.dataset_id = $1 AND CASE WHEN jsonb_typeof(p.messages) <> 'array' THEN true
    WHEN jsonb_array_length(p.messages) = 1 THEN ${notPlainMessage('(p.messages->0)', `(p.messages->0) - 'role' - 'content' <> '{}'::jsonb`)}
    ELSE EXISTS (SELECT 1 FROM jsonb_array_elements(p.messages) m WHERE ${notPlainMessage('m', '(SELECT count(*) FROM jsonb_object_keys(m)) <> 2')}) END) AS not_plain`;

/**
 * Run (SET LOCAL) before sftSelectSql: the only plan left is the one it is written for (prompts
 * merge-joined with the candidates' prompt_id index; a nested loop with the whole prompt side inside,
 * picked on a bad row estimate, would be quadratic; a hash join or a full sort would hold or spill a
 * million wide rows). The LATERAL per-prompt analysis is a nested loop by nature and stays one.
 */
export const JOIN_SETTINGS = 'SET LOCAL enable_hashjoin = off; SET LOCAL enable_nestloop = off; SET LOCAL enable_sort = off';

/** The columns of a row of sftSelectSql (binary COPY field order). */
export const SFT_FIELDS = { ord: 0, externalId: 1, runId: 2, content: 3, skip: 4, head: 5, ownSystem: 6, firstSystem: 7 } as const;

/**
 * One row per selected candidate, prompts in id order (`ord` = the prompt's 1-based position among all
 * the dataset's prompts), candidates best first: `ord, external_id, run_id, content, skip, head,
 * own_system, first_system`. `skip` is the reason the example is left out, or NULL; the JSONL line is
 * then assembled by the reader (sft-line.ts) from `content` = the answer as a JSON string (to_json:
 * PostgreSQL escapes faster than JavaScript), `head` = the prompt's turns as JSON objects joined by
 * commas (alpaca: the instruction as a JSON string), `own_system` (alpaca: the prompt's own system
 * message as a JSON string) and `first_system` (the prompt starts with a system message, so the run's
 * system prompt is not added). With `count`, only `ord` and `skip` (the preview).
 */
export function sftSelectSql(o: SftSqlOptions, count = false): string {
  const ds = int(o.datasetId, 'dataset id');
  const ws = escapeLiteral(o.whitespace);
  // JS `!s.trim()`: the first character decides for almost every string, btrim only when it is blank.
  const blank = (s: string) => `(${s} = '' OR (strpos(${ws}, left(${s}, 1)) > 0 AND btrim(${s}, ${ws}) = ''))`;

  // The dataset's prompt ids bound the candidates' index scan: candidates of other datasets are never read.
  const range = `(SELECT min(id) FROM prompts WHERE dataset_id = ${ds}) AND (SELECT max(id) FROM prompts WHERE dataset_id = ${ds})`;
  const where = [`c.dataset_id = ${ds}`, `c.prompt_id BETWEEN ${range}`];
  const statuses = statusesFor(o.filters.status);
  if (statuses) where.push(`c.final_status IN (${statuses.map((s) => escapeLiteral(s)).join(', ')})`);
  if (o.filters.minScore !== undefined) {
    if (!Number.isFinite(o.filters.minScore)) throw new Error('min score must be a finite number');
    where.push(`c.aggregate >= ${escapeLiteral(String(o.filters.minScore))}::float8`);
  }
  // `(EXISTS …) IS TRUE`: a check per candidate, never pulled up into a semi-join that would break the
  // candidates' single ordered scan.
  for (const f of o.filters.evaluators)
    where.push(
      `(EXISTS (SELECT 1 FROM scores s JOIN evaluators e ON e.id = s.evaluator_id WHERE s.candidate_id = c.id AND e.name = ${escapeLiteral(f.name)} AND s.passed = ${f.pass ? 'true' : 'false'})) IS TRUE`,
    );
  const best = (c: string) => `${c}.rank ASC NULLS LAST, ${c}.aggregate DESC NULLS LAST, ${c}.id ASC`;
  const topK = o.filters.topK ? int(o.filters.topK, 'top-k') : null;

  const alpaca = o.format === 'alpaca';
  const sharegpt = o.format === 'sharegpt';
  // P' = the prompt's messages after a leading system message; `off` is 1 when there is one.
  const off = `(CASE WHEN p.messages->0->>'role' = 'system' THEN 1 ELSE 0 END)`;
  // Per message m at 1-based position i: its turn as JSON text, whether it is blank, whether its role
  // breaks the alternation of P'.
  const turn = (m: string) =>
    sharegpt
      ? `'{"from":' || CASE ${m}->>'role' WHEN 'system' THEN '"system"' WHEN 'user' THEN '"human"' WHEN 'assistant' THEN '"gpt"' END || ',"value":' || (${m}->'content')::text || '}'`
      : `'{"role":' || (${m}->'role')::text || ',"content":' || (${m}->'content')::text || '}'`;
  const badRole = (m: string, i: string) => `${i} > ${off} AND ${m}->>'role' IS DISTINCT FROM CASE WHEN (${i} - ${off}) % 2 = 1 THEN 'user' ELSE 'assistant' END`;
  const turns = !(count || alpaca);
  // A prompt of one message (most of them) is read directly; the others through jsonb_array_elements,
  // whose per-prompt set-up costs more than the rest of the row. The one-time filters run one branch.
  const analysis = `SELECT coalesce(${blank(`(p.messages->0->>'content')`)}, false) AS blank, 1 - ${off} AS nturns,
           coalesce(${badRole('p.messages->0', '1')}, false) AS bad_order${turns ? `, ${turn('p.messages->0')} AS turns` : ''}
     WHERE jsonb_array_length(p.messages) = 1
    UNION ALL
    SELECT * FROM (SELECT coalesce(bool_or(${blank(`(e.m->>'content')`)}), false) AS blank, count(*)::int - ${off} AS nturns,
           coalesce(bool_or(${badRole('e.m', 'e.i')}), false) AS bad_order${turns ? `, string_agg(${turn('e.m')}, ',') AS turns` : ''}
      FROM jsonb_array_elements(p.messages) WITH ORDINALITY AS e(m, i)) g
     WHERE jsonb_array_length(p.messages) <> 1`;
  const head = alpaca
    ? `to_json(p.messages->-1->>'content')::text AS head, CASE WHEN p.messages->0->>'role' = 'system' THEN to_json(p.messages->0->>'content')::text END AS own_system`
    : `a.turns AS head, NULL::text AS own_system`;

  // conversationProblem() on [system?, …turns, answer] (see conversation.ts): empty content first, then
  // roles that do not alternate (P' must alternate from a user turn and have odd length for the answer
  // to land on an assistant turn). Alpaca first requires a single user turn.
  const answerBlank = blank('c.content');
  const skip = alpaca
    ? `CASE WHEN p.nturns <> 1 OR p.bad_order THEN 'multi-turn' WHEN p.blank OR ${answerBlank} THEN 'empty-content' END`
    : `CASE WHEN p.blank OR ${answerBlank} THEN 'empty-content' WHEN p.bad_order OR p.nturns % 2 = 0 THEN 'roles-do-not-alternate' END`;

  const select = count ? `p.ord, ${skip} AS skip` : `p.ord, p.external_id, c.run_id, to_json(c.content)::text AS content, ${skip} AS skip, p.head, p.own_system, p.first_system`;
  // Top-k per prompt: the rank among the prompt's selected candidates, best first.
  const n = topK ? `, row_number() OVER (PARTITION BY c.prompt_id ORDER BY ${best('c')}) AS n` : '';
  // One ordered pass: prompts by id merge-joined with the candidates read through their (prompt_id)
  // index, each prompt's few candidates then sorted best first (an incremental sort, never a sort of
  // the whole result; JOIN_SETTINGS switch the other join methods and full sorts off for the statement).
  // The ORDER BY makes the order certain whatever the plan; the reader also checks that `ord` never
  // goes back.
  return `SELECT ${select}
  FROM (SELECT p.id, p.external_id, p.messages->0->>'role' = 'system' AS first_system, (row_number() OVER (ORDER BY p.id))::int AS ord, a.blank, a.nturns, a.bad_order${count ? '' : `, ${head}`}
          FROM prompts p CROSS JOIN LATERAL (${analysis}) a
         WHERE p.dataset_id = ${ds} ORDER BY p.id OFFSET 0) p
  JOIN (SELECT c.prompt_id, c.id, c.run_id, c.content, c.rank, c.aggregate${n} FROM candidates c WHERE ${where.join(' AND ')}) c ON c.prompt_id = p.id${topK ? ` AND c.n <= ${topK}` : ''}${count ? '' : `\n ORDER BY p.id, ${best('c')}`}`;
}
