/**
 * Removes secret values from text that may reach a log, an error message, the database or the
 * browser: the values of the given environment variables, and anything shaped like a bearer key.
 */
export function redactSecrets(text: string, envNames: (string | null | undefined)[] = []): string {
  let out = text;
  for (const name of envNames) {
    const value = name ? process.env[name] : undefined;
    if (value && value.length >= 4) out = out.split(value).join('***');
  }
  return out.replace(/\b(sk|rk)-[A-Za-z0-9_-]{8,}/g, '$1-***').replace(/(Bearer\s+)[^\s"']+/gi, '$1***');
}
