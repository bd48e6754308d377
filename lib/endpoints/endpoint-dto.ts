/** What the UI and CLI see of an endpoint: the key's variable NAME and whether it is set, never the key. */
export type EndpointDto = {
  id: number;
  name: string;
  baseUrl: string;
  model: string;
  apiKeyEnv: string | null;
  keyStatus: 'set' | 'missing' | 'none';
  maxConcurrency: number;
  rpm: number | null;
  tpm: number | null;
  priceInPerM: number | null;
  priceOutPerM: number | null;
  supportsN: boolean | null;
  createdAt: string;
};

export function keyStatus(apiKeyEnv: string | null): EndpointDto['keyStatus'] {
  if (!apiKeyEnv) return 'none';
  return process.env[apiKeyEnv] ? 'set' : 'missing';
}
