import 'server-only';
import type pg from 'pg';

/** What the engine needs of an endpoint (the key's variable NAME only; its value is read at call time). */
export interface EndpointConfig {
  id: number;
  name: string;
  baseUrl: string;
  model: string;
  apiKeyEnv: string | null;
  defaultParams: Record<string, unknown>;
  priceInPerM: number | null;
  priceOutPerM: number | null;
  maxConcurrency: number;
  rpm: number | null;
  tpm: number | null;
  supportsN: boolean | null;
}

export async function loadEndpointConfig(pool: pg.Pool, id: number): Promise<EndpointConfig | null> {
  const { rows } = await pool.query(
    `SELECT id, name, base_url, model, api_key_env, default_params, price_in_per_m, price_out_per_m, max_concurrency, rpm, tpm, supports_n
     FROM endpoints WHERE id = $1`,
    [id],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    name: r.name,
    baseUrl: r.base_url,
    model: r.model,
    apiKeyEnv: r.api_key_env,
    defaultParams: (r.default_params ?? {}) as Record<string, unknown>,
    priceInPerM: r.price_in_per_m,
    priceOutPerM: r.price_out_per_m,
    maxConcurrency: r.max_concurrency,
    rpm: r.rpm,
    tpm: r.tpm,
    supportsN: r.supports_n,
  };
}

/** Remembers whether the endpoint honours n, learnt from the first answer (only if still unknown). */
export async function recordSupportsN(pool: pg.Pool, id: number, supportsN: boolean) {
  await pool.query('UPDATE endpoints SET supports_n = $2 WHERE id = $1 AND supports_n IS NULL', [id, supportsN]);
}
