// Which hosts an evaluator may send requests to (a reward model's `url`): the guard against a
// curator pointing Winnow's server at internal services (SSRF). Pure; the database part (hosts of
// the configured Endpoints, which only admins create) is lib/evaluation/check-evaluator-hosts.ts.
//
// Allowed: the hosts of configured Endpoints, plus WINNOW_ALLOWED_HOSTS — comma-separated host
// names, `*.example.com` wildcards, and the word `loopback` (localhost, 127.0.0.0/8, ::1). Unset, it
// is `loopback` (a local vLLM). Any port of an allowed host is allowed; redirects are never followed.

export const DEFAULT_ALLOWED_HOSTS = 'loopback';

export interface HostRules {
  loopback: boolean;
  /** Lower-case host names; entries starting with "*." match any subdomain. */
  patterns: string[];
}

export function parseAllowedHosts(env: string | undefined): HostRules {
  const items = (env === undefined || env.trim() === '' ? DEFAULT_ALLOWED_HOSTS : env)
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return { loopback: items.includes('loopback'), patterns: items.filter((s) => s !== 'loopback').map(stripBrackets) };
}

const stripBrackets = (h: string) => (h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h);

export function isLoopbackHost(hostname: string): boolean {
  const h = stripBrackets(hostname.toLowerCase());
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** The URL's host name as fetch would resolve it (WHATWG: "127.1" → "127.0.0.1"), or null. */
export function hostOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? stripBrackets(u.hostname.toLowerCase()) : null;
  } catch {
    return null;
  }
}

export function hostAllowed(url: string, rules: HostRules, endpointHosts: readonly string[] = []): boolean {
  const h = hostOf(url);
  if (!h) return false;
  if (rules.loopback && isLoopbackHost(h)) return true;
  if (endpointHosts.some((e) => stripBrackets(e.toLowerCase()) === h)) return true;
  return rules.patterns.some((p) => (p.startsWith('*.') ? h.endsWith(p.slice(1)) && h.length > p.length - 1 : p === h));
}

/** Every http(s) URL in an evaluator config, at keys named `url` or ending in `Url` (any depth), with its path. */
export function configUrls(config: unknown, path: string[] = ['config']): { field: string; url: string }[] {
  if (Array.isArray(config)) return config.flatMap((v, i) => configUrls(v, [...path, String(i)]));
  if (!config || typeof config !== 'object') return [];
  return Object.entries(config).flatMap(([k, v]) =>
    typeof v === 'string' ? (/url$/i.test(k) && hostOf(v) ? [{ field: [...path, k].join('.'), url: v }] : []) : configUrls(v, [...path, k]),
  );
}

export function disallowedHostMessage(url: string): string {
  return `host "${hostOf(url) ?? url}" is not allowed: add it as an Endpoint (admins) or list it in WINNOW_ALLOWED_HOSTS on the server`;
}
