// What the run components receive from the page: plain DTOs and server actions passed as props.
import type { RunProgressDto } from '@/lib/generation/run-dto';

export type RunActionResult = { ok: true; data: RunProgressDto } | { ok: false; message: string; fieldErrors?: Record<string, string[]> };
export type RunAction = (input: { runId: number }) => Promise<RunActionResult>;
export type RunControlActions = { cancel: RunAction; resume: RunAction; retryFailed: RunAction };
export type StartRunAction = (input: Record<string, string | boolean>) => Promise<RunActionResult>;
