import { z } from 'zod';

const optionalInt = (max: number) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number().int().positive().max(max).optional());
const optionalPrice = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number().min(0).max(100_000).optional());

export const endpointInputSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Give the endpoint a name.')
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Letters, digits, dot, dash and underscore only.'),
  baseUrl: z
    .string()
    .trim()
    .pipe(z.url({ protocol: /^https?$/, error: 'An http(s) URL, e.g. https://api.openai.com/v1 or http://localhost:8000/v1.' }))
    .transform((u) => u.replace(/\/+$/, '')),
  model: z.string().trim().min(1, 'Which model to call, e.g. gpt-4o-mini.').max(200),
  apiKeyEnv: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z
      .string()
      .trim()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'The NAME of an environment variable (e.g. OPENAI_API_KEY), not the key itself.')
      .max(128)
      .optional(),
  ),
  maxConcurrency: z.preprocess((v) => (v === '' || v == null ? undefined : v), z.coerce.number().int().min(1).max(1024).default(8)),
  rpm: optionalInt(10_000_000),
  tpm: optionalInt(1_000_000_000),
  priceInPerM: optionalPrice,
  priceOutPerM: optionalPrice,
});

export type EndpointInput = z.infer<typeof endpointInputSchema>;

/** A value that looks like an API key typed where the variable NAME belongs. */
export function looksLikeSecret(value: string): boolean {
  return /^(sk|rk|pk)-|^[A-Za-z0-9_-]{32,}$/.test(value) && !/^[A-Z][A-Z0-9_]*$/.test(value);
}
