/**
 * The Content-Security-Policy of every response. Scripts run only with this request's nonce
 * ('strict-dynamic' lets Next's own loader add its chunks); no plugins, no framing, forms and
 * fetches only to ourselves. Images: our own, data/blob, and https — but the Markdown renderer never
 * loads a remote image until the user clicks it.
 */
export function contentSecurityPolicy(nonce: string, { dev = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
  ].join('; ');
}
