import 'server-only';
import OpenAI from 'openai';

/**
 * The one place an OpenAI-compatible client is made. The key is read from the environment variable
 * the endpoint names, at call time; it is never stored, logged or returned. Retries are Winnow's own
 * (lib/generation), so the SDK's are off.
 */
export function openaiClient(endpoint: { baseUrl: string; apiKeyEnv: string | null }, opts: { timeoutMs?: number } = {}) {
  const apiKey = (endpoint.apiKeyEnv && process.env[endpoint.apiKeyEnv]) || 'not-needed';
  return new OpenAI({ baseURL: endpoint.baseUrl, apiKey, timeout: opts.timeoutMs ?? 60_000, maxRetries: 0 });
}
