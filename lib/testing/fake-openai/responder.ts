// What a responder is: the pluggable part of the fake server that writes the text of one choice.
import type { TextMessage } from './messages';
import type { Rng } from './rng';

export interface ResponderContext {
  messages: TextMessage[];
  /** The last user message: the key `answers` is looked up by. */
  prompt: string;
  model: string;
  /** Index of the choice being written (0 … n-1). */
  index: number;
  /** Request `seed`, or null when the request had none. */
  seed: number | null;
  temperature: number;
  /** The request's `response_format`, untouched (for JSON-mode judges). */
  responseFormat: unknown;
  /** Seeded for (prompt, seed, index): same inputs, same text. */
  rng: Rng;
  /** True answer for `prompt` when the server was given one. */
  answer: string | undefined;
  /** Probability that a math answer is right. */
  accuracy: number;
}

/** Returns the choice's text; may be async (e.g. a test that wants to block). */
export type Responder = (ctx: ResponderContext) => string | Promise<string>;
