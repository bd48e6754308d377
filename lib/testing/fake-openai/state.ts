// Everything the fake server remembers between requests. reset() replaces it in place, so handlers
// that hold the state object see the fresh one; in-flight requests keep their old stats recorder.
import type { StoredBatch } from './batches';
import type { StoredFile } from './files';
import { RpmWindow } from './faults';
import type { FakeOpenAIOptions } from './options';
import { mulberry32, type Rng } from './rng';
import { StatsRecorder } from './stats';

export interface ServerState {
  options: FakeOpenAIOptions;
  stats: StatsRecorder;
  rpmWindow: RpmWindow;
  /** Separate streams so that, e.g., turning jitter on does not change which requests fail. */
  faultRng: Rng;
  jitterRng: Rng;
  nonceRng: Rng;
  files: Map<string, StoredFile>;
  batches: Map<string, StoredBatch>;
  seq: number;
}

export function createState(options: FakeOpenAIOptions): ServerState {
  const state = {} as ServerState;
  state.options = options;
  state.seq = 0;
  resetState(state);
  return state;
}

export function resetState(state: ServerState) {
  state.stats = new StatsRecorder();
  state.rpmWindow = new RpmWindow();
  reseed(state);
  state.files = new Map();
  state.batches = new Map();
}

/** Restarts the random sequences from options.seed (on reset, and when the seed option changes). */
export function reseed(state: ServerState) {
  const seed = state.options.seed;
  state.faultRng = mulberry32(seed ^ 0x0fa17);
  state.jitterRng = mulberry32(seed ^ 0x7177e);
  state.nonceRng = mulberry32(seed ^ 0x40ce);
}

/** Ids shaped like OpenAI's (prefix + opaque suffix), unique within a server's life. */
export function nextId(state: ServerState, prefix: string): string {
  state.seq++;
  return `${prefix}${Date.now().toString(36)}${state.seq.toString(36).padStart(6, '0')}`;
}
