import type { EmulatorClock } from './clock';

const WINDOW_MS = 60_000;

/** Per-user sliding one-minute window on the emulator clock. */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly clock: EmulatorClock,
    private readonly limitPerMinute: () => number,
  ) {}

  /** Counts one request for `key`; when over the limit, how many seconds until one is allowed again. */
  take(key: string): { allowed: true } | { allowed: false; retryAfterSec: number } {
    const now = this.clock.now();
    const recent = (this.hits.get(key) ?? []).filter((time) => time > now - WINDOW_MS);
    if (recent.length >= this.limitPerMinute()) {
      this.hits.set(key, recent);
      const oldest = recent[0] ?? now;
      return { allowed: false, retryAfterSec: Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000)) };
    }
    recent.push(now);
    this.hits.set(key, recent);
    return { allowed: true };
  }

  reset(): void {
    this.hits.clear();
  }
}
