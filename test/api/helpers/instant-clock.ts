import type { Clock } from '../../../main/core/ports';

/**
 * A Clock whose timers fire on the next turn of the event loop while `now` jumps
 * ahead by their delay: retry and backoff logic runs at full speed, and the delays
 * it asked for are recorded for the test to check.
 */
export class InstantClock implements Clock {
  readonly delays: number[] = [];
  private current: number;

  constructor(start = Date.parse('2026-01-01T00:00:00Z')) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): { cancel(): void } {
    this.delays.push(ms);
    let cancelled = false;
    setImmediate(() => {
      if (cancelled) return;
      this.current += ms;
      fn();
    });
    return {
      cancel: () => {
        cancelled = true;
      },
    };
  }
}

/**
 * Real timers whose waits are cut `factor` times shorter, with `now()` jumping ahead by
 * the time skipped: a client built on it waits out backoffs and Retry-After in a blink
 * while its requests still travel for real. Give that client a per-attempt timeout
 * scaled by the same factor. The delays asked for are recorded.
 */
export class FastClock implements Clock {
  readonly delays: number[] = [];
  private skippedMs = 0;

  constructor(readonly factor: number) {}

  now(): number {
    return Date.now() + this.skippedMs;
  }

  setTimeout(fn: () => void, ms: number): { cancel(): void } {
    this.delays.push(ms);
    const realMs = ms / this.factor;
    const handle = setTimeout(() => {
      this.skippedMs += ms - realMs;
      fn();
    }, realMs);
    return { cancel: () => clearTimeout(handle) };
  }
}
