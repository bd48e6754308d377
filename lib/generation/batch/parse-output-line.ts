// One line of a Batch API output or error file → the samples it answers (pure).
import { classifyStatus } from '../classify-error';
import { costUsd, usageFromOpenAI, type TokenPrices } from '../cost';
import { splitUsage } from '../split-usage';
import type { CandidateRow, PromptFailure } from '../write-results';
import { parseCustomId, type BatchLineKey } from './custom-id';

/** OpenAI bills Batch API tokens at half the price. */
export const BATCH_PRICE_MULTIPLIER = 0.5;

export interface ParsedLine {
  key: BatchLineKey;
  rows: CandidateRow[];
  /** Set when the line is an error: applies to every sample of the line that has no row. */
  failure: (PromptFailure & { retryable: boolean }) | null;
}

interface OutputLine {
  custom_id?: unknown;
  response?: { status_code?: number; body?: unknown } | null;
  error?: { code?: string | null; message?: string | null } | null;
}

interface CompletionBody {
  model?: string;
  usage?: { prompt_tokens?: number; completion_tokens?: number };
  choices?: Array<{ index: number; finish_reason?: string | null; message?: { content?: string | null } }>;
  error?: { message?: string; code?: string | null };
}

export function parseOutputLine(text: string, prices: TokenPrices, secrets: readonly string[] = []): ParsedLine | null {
  let line: OutputLine;
  try {
    line = JSON.parse(text) as OutputLine;
  } catch {
    return null;
  }
  const key = typeof line.custom_id === 'string' ? parseCustomId(line.custom_id) : null;
  if (!key) return null;
  const status = line.response?.status_code ?? null;
  const body = (line.response?.body ?? null) as CompletionBody | null;
  const samples = Array.from({ length: key.count }, (_, i) => key.firstSample + i);

  if (status === 200 && Array.isArray(body?.choices) && body.choices.length) {
    const choices = [...body.choices].sort((a, b) => a.index - b.index).slice(0, key.count);
    const contents = choices.map((c) => c.message?.content ?? '');
    const shares = splitUsage(usageFromOpenAI(body.usage), contents);
    const rows = choices.map((c, i) => ({
      promptId: key.promptId,
      sampleIndex: samples[i]!,
      content: contents[i]!,
      model: body.model ?? null,
      finishReason: c.finish_reason ?? null,
      promptTokens: shares[i]!.promptTokens,
      completionTokens: shares[i]!.completionTokens,
      latencyMs: null,
      costUsd: costUsd(shares[i]!, prices, BATCH_PRICE_MULTIPLIER),
    }));
    const short = rows.length < key.count;
    return {
      key,
      rows,
      failure: short ? { kind: 'garbage', message: `asked for ${key.count} choices, got ${rows.length}`, attempts: 1, retryable: true } : null,
    };
  }
  const message = body?.error?.message ?? line.error?.message ?? (status ? `HTTP ${status}` : 'no response');
  const c = classifyStatus(status ?? 500, message, null, body?.error?.code ?? line.error?.code ?? null, secrets);
  return { key, rows: [], failure: { kind: c.kind, message: c.message, attempts: 1, retryable: c.retryable } };
}
