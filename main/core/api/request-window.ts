import { sleep } from './retry-policy';
import type { Clock } from '../ports';

/**
 * At most `limit` calls per rolling `windowMs`, for background work that must leave
 * room under Google's per-user rate limit. `take` waits (on the injected clock) until a
 * slot frees up; it rejects with `cancelled` when the signal aborts meanwhile.
 */
export class RequestWindow {
  /** Start times of the calls still inside the window, oldest first. */
  private readonly taken: number[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {
    if (!(limit >= 1)) throw new RangeError('A request window needs a limit of at least 1.');
  }

  /** Calls still allowed right now. */
  get available(): number {
    this.forgetExpired();
    return this.limit - this.taken.length;
  }

  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      this.forgetExpired();
      if (this.taken.length < this.limit) {
        this.taken.push(this.clock.now());
        return;
      }
      await sleep(this.clock, (this.taken[0] as number) + this.windowMs - this.clock.now(), signal);
    }
  }

  private forgetExpired(): void {
    const horizon = this.clock.now() - this.windowMs;
    while (this.taken.length > 0 && (this.taken[0] as number) <= horizon) this.taken.shift();
  }
}
