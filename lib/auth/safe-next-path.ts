/** Only same-site paths may follow a sign-in (no open redirect to //evil.example or https://…). */
export function safeNextPath(next: string | undefined | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/datasets';
  return next;
}
