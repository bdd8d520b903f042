import type { Clock } from '../../main/core/ports';

/** A Clock whose time moves only when a test says so; timers fire in due order. */
export class ManualClock implements Clock {
  private time: number;
  private timers: { due: number; fn: () => void; id: number }[] = [];
  private nextId = 0;

  constructor(start = Date.UTC(2026, 2, 2, 9)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): { cancel(): void } {
    const id = (this.nextId += 1);
    this.timers.push({ due: this.time + Math.max(0, ms), fn, id });
    return {
      cancel: () => {
        this.timers = this.timers.filter((timer) => timer.id !== id);
      },
    };
  }

  /** Delays from now of the timers still pending, soonest first. */
  pendingDelays(): number[] {
    return this.timers.map((timer) => timer.due - this.time).sort((a, b) => a - b);
  }

  /** Moves time forward, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = this.timers.filter((timer) => timer.due <= end).sort((a, b) => a.due - b.due)[0];
      if (!next) break;
      this.timers = this.timers.filter((timer) => timer !== next);
      this.time = next.due;
      next.fn();
    }
    this.time = end;
  }
}
