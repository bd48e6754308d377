/**
 * Removes secrets from text that may reach a log, an error message, the database or the browser:
 * exact values (e.g. a key read from the endpoint's variable), and anything shaped like one —
 * provider key prefixes (OpenAI's 401 echoes a masked key), bearer/basic credentials, key=value
 * pairs in URLs or JSON. The one implementation; see redactSecrets for the env-variable form.
 */
export function redactValues(text: string, values: readonly (string | null | undefined)[] = []): string {
  let out = text;
  for (const value of values) if (value && value.length >= 4) out = out.split(value).join('***');
  return out
    .replace(/\b(sk|pk|rk|org|sess)-[A-Za-z0-9_*.-]{6,}/g, '$1-***')
    .replace(/\b(Bearer|Basic)\s+[^\s"']+/gi, '$1 ***')
    .replace(/\b(api[_-]?key|access[_-]?token|token|key)(["']?\s*[:=]\s*["']?)[^\s"',;&]{6,}/gi, '$1$2***');
}

/** redactValues with the values of the named environment variables (an endpoint's apiKeyEnv). */
export function redactSecrets(text: string, envNames: readonly (string | null | undefined)[] = []): string {
  return redactValues(
    text,
    envNames.map((name) => (name ? process.env[name] : undefined)),
  );
}
