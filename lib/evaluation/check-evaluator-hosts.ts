import 'server-only';
import { pgPool } from '../db/pool';
import { EvaluationInputError } from './errors';
import { configUrls, disallowedHostMessage, hostAllowed, hostOf, parseAllowedHosts } from './evaluators/reward-model/allowed-hosts';

/** Host names of the configured Endpoints (admins create those; their hosts are trusted). */
async function endpointHosts(): Promise<string[]> {
  const { rows } = await pgPool().query<{ base_url: string }>('SELECT base_url FROM endpoints');
  return rows.flatMap((r) => hostOf(r.base_url) ?? []);
}

/** Whether requests to this URL are allowed (the reward model checks again before each request). */
export async function isUrlAllowed(url: string): Promise<boolean> {
  const rules = parseAllowedHosts(process.env.WINNOW_ALLOWED_HOSTS);
  return hostAllowed(url, rules) || hostAllowed(url, { loopback: false, patterns: [] }, await endpointHosts());
}

/**
 * Refuses an evaluator config that names a URL (a reward model's `url`, any `…Url`) whose host is
 * not allowed: loopback / WINNOW_ALLOWED_HOSTS, or the host of a configured Endpoint. The one place
 * where adding and changing evaluators check hosts (UI and CLI alike). Errors name the field.
 */
export async function checkEvaluatorHosts(config: unknown): Promise<void> {
  for (const { field, url } of configUrls(config)) {
    if (!(await isUrlAllowed(url))) throw new EvaluationInputError(`${field}: ${disallowedHostMessage(url)}`, { [field]: [disallowedHostMessage(url)] });
  }
}
