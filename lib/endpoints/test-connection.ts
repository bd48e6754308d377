import 'server-only';
import { redactSecrets } from '../security/redact-secrets';
import type { EndpointDto } from './endpoint-dto';
import { recordSupportsN } from './manage-endpoints';
import { openaiClient } from './openai-client';

export type ConnectionReport = {
  ok: boolean;
  message: string;
  latencyMs: number | null;
  models: string[] | null;
  supportsN: boolean | null;
};

/**
 * Checks an endpoint the way generation will use it: lists models (if the server offers the list),
 * then sends a 1-token chat request with n=2 to learn whether it honours `n` (remembered on the
 * endpoint). Errors come back as a sentence, with any key removed.
 */
export async function testConnection(endpoint: EndpointDto): Promise<ConnectionReport> {
  if (endpoint.keyStatus === 'missing') {
    return { ok: false, message: `The environment variable ${endpoint.apiKeyEnv} is not set on the server.`, latencyMs: null, models: null, supportsN: null };
  }
  const client = openaiClient(endpoint, { timeoutMs: 20_000 });
  const describe = (e: unknown) => {
    const err = e as { status?: number; message?: string };
    // The SDK's message already starts with the status ("401 Incorrect API key …"): say it once.
    const message = (err.message ?? String(e)).replace(/^\d{3}\s+/, '');
    const text = `${err.status ? `HTTP ${err.status}: ` : ''}${message}`;
    return redactSecrets(text, [endpoint.apiKeyEnv]);
  };

  let models: string[] | null = null;
  try {
    const page = await client.models.list();
    models = page.data.map((m) => m.id);
  } catch {
    models = null; // many servers have no /models; the chat request below is what matters
  }

  const started = Date.now();
  try {
    const res = await client.chat.completions.create({
      model: endpoint.model,
      messages: [{ role: 'user', content: 'Say OK.' }],
      max_tokens: 1,
      n: 2,
      temperature: 1,
    });
    const latencyMs = Date.now() - started;
    const supportsN = res.choices.length >= 2;
    await recordSupportsN(endpoint.id, supportsN);
    const modelNote = models && !models.includes(endpoint.model) ? ` (note: ${endpoint.model} is not in the server's model list)` : '';
    return {
      ok: true,
      message: `Connected in ${latencyMs} ms; ${supportsN ? 'honours n (one request per prompt)' : 'ignores n (one request per sample)'}${modelNote}.`,
      latencyMs,
      models,
      supportsN,
    };
  } catch (e) {
    return { ok: false, message: describe(e), latencyMs: null, models, supportsN: null };
  }
}
