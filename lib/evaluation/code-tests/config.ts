// The code-tests evaluator's config (Evaluator.config JSON). Every field has a default.
import { z } from 'zod';

export const codeTestsConfigSchema = z.strictObject(
  {
    /** humaneval: prompt + completion + test; full: the candidate's own code (first fenced block) + test. */
    mode: z.enum(['humaneval', 'full'], { error: 'must be "humaneval" or "full"' }).default('humaneval'),
    language: z.enum(['python', 'javascript'], { error: 'must be "python" or "javascript"' }).default('python'),
    timeoutMs: z.number().int().min(100).max(600_000).default(5_000),
    /** Defaults to the timeout rounded up to whole seconds. */
    cpuSeconds: z.number().int().min(1).max(600).optional(),
    memoryMb: z.number().int().min(64).max(65_536).default(1024),
    maxProcesses: z.number().int().min(1).max(1024).default(16),
    maxOutputBytes: z.number().int().min(1024).max(16 * 1024 * 1024).default(64 * 1024),
  },
  { error: 'must be a JSON object' },
);

export type CodeTestsConfig = z.output<typeof codeTestsConfigSchema>;
export type CodeTestsConfigInput = z.input<typeof codeTestsConfigSchema>;
