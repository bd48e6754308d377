// Counters a test or benchmark reads back (stats() or GET /__stats): outcomes, choices, tokens,
// concurrency and arrival times, so "observed RPM" and "peak concurrency" are measured by the server,
// not guessed by the client.

/** `aborted`: the client went away before the answer (e.g. its timeout was shorter than the latency). */
export type Outcome = 'ok' | '429' | '429_rpm' | '500' | 'hang' | 'garbage' | '400' | '401' | '404' | 'aborted';

export interface FakeOpenAIStats {
  /** Chat-completion requests received (every outcome). */
  requests: number;
  outcomes: Record<Outcome, number>;
  /** Choices returned in successful completions (streamed or not). */
  choices: number;
  promptTokens: number;
  completionTokens: number;
  inFlight: number;
  peakInFlight: number;
  /** Chat-completion arrivals per wall-clock second: [unix second, count], oldest first. */
  arrivalsPerSecond: Array<[number, number]>;
  /** Most arrivals seen in any 60 s window (all outcomes). */
  peakRpm: number;
  /** Most arrivals answered `ok` in any 60 s window. */
  peakOkRpm: number;
  /** Requests per route, e.g. "POST /v1/files". */
  routes: Record<string, number>;
}

const OUTCOMES: Outcome[] = ['ok', '429', '429_rpm', '500', 'hang', 'garbage', '400', '401', '404', 'aborted'];

/** Largest number of timestamps (sorted) inside any window of `windowMs`. */
export function peakInWindow(sortedMs: number[], windowMs = 60_000): number {
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < sortedMs.length; hi++) {
    while (sortedMs[hi]! - sortedMs[lo]! >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

export class StatsRecorder {
  private outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  private arrivals: number[] = [];
  private okArrivals: number[] = [];
  private routes: Record<string, number> = {};
  private choices = 0;
  private promptTokens = 0;
  private completionTokens = 0;
  private inFlight = 0;
  private peakInFlight = 0;

  route(key: string) {
    this.routes[key] = (this.routes[key] ?? 0) + 1;
  }

  /** A chat completion arrived; returns its arrival time for outcome(). */
  arrive(now: number): number {
    this.arrivals.push(now);
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    return now;
  }

  /** The request is finished (answered, or the client went away). Call exactly once per arrive(). */
  depart() {
    this.inFlight--;
  }

  outcome(o: Outcome, arrivedAt: number) {
    this.outcomes[o]++;
    if (o === 'ok') this.okArrivals.push(arrivedAt);
  }

  served(choices: number, promptTokens: number, completionTokens: number) {
    this.choices += choices;
    this.promptTokens += promptTokens;
    this.completionTokens += completionTokens;
  }

  snapshot(): FakeOpenAIStats {
    const perSecond = new Map<number, number>();
    for (const t of this.arrivals) {
      const s = Math.floor(t / 1000);
      perSecond.set(s, (perSecond.get(s) ?? 0) + 1);
    }
    return {
      requests: this.arrivals.length,
      outcomes: { ...this.outcomes },
      choices: this.choices,
      promptTokens: this.promptTokens,
      completionTokens: this.completionTokens,
      inFlight: this.inFlight,
      peakInFlight: this.peakInFlight,
      arrivalsPerSecond: [...perSecond.entries()].sort((a, b) => a[0] - b[0]),
      peakRpm: peakInWindow(this.arrivals),
      // ok answers are recorded when they finish, so their arrival times can be out of order.
      peakOkRpm: peakInWindow([...this.okArrivals].sort((a, b) => a - b)),
      routes: { ...this.routes },
    };
  }
}
