// When do 429s mean "this endpoint's limit is exhausted, everyone wait" rather than "this request was
// unlucky"? A provider over its quota answers most requests with 429; a flaky proxy or a busy shared
// server sheds a few. Pausing every worker on each sporadic 429 would stall a run for nothing, so the
// shared pause (RateLimiter.pause) is taken only when most recent answers were 429s; each request
// still waits its own Retry-After either way.

export class RateLimitSignal {
  private recent: boolean[] = [];

  constructor(
    private readonly size = 20,
    private readonly share = 0.5,
    private readonly minSamples = 6,
  ) {}

  /** Records one answer; true when this 429 should pause the whole endpoint. */
  record(rateLimited: boolean): boolean {
    this.recent.push(rateLimited);
    if (this.recent.length > this.size) this.recent.shift();
    if (!rateLimited || this.recent.length < this.minSamples) return false;
    const hits = this.recent.filter(Boolean).length;
    if (hits / this.recent.length < this.share) return false;
    // Start over: the pause answers this burst; the next decision needs fresh evidence.
    this.recent = [];
    return true;
  }
}
