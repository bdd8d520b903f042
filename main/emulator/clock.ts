/**
 * The emulator's notion of time. Everything time-dependent (token expiry, indexing
 * delay, rate-limit windows, reopen window, the support agent) reads this clock, so
 * tests can drive it: a manual clock moves only through advance/set; a real clock
 * follows Date.now() plus whatever offset advance/set added (useful in the demo).
 */
export class EmulatorClock {
  private readonly manual: boolean;
  private manualNow: number;
  private offset = 0;
  private readonly listeners = new Set<() => void>();

  constructor(options: { manual: boolean; startTime: number }) {
    this.manual = options.manual;
    this.manualNow = options.startTime;
  }

  now(): number {
    return this.manual ? this.manualNow : Date.now() + this.offset;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError(`clock.advance needs a finite, non-negative number of ms, got ${ms}`);
    if (this.manual) this.manualNow += ms;
    else this.offset += ms;
    this.emit();
  }

  set(iso: string): void {
    const target = Date.parse(iso);
    if (Number.isNaN(target)) throw new RangeError(`clock.set needs an ISO date-time, got "${iso}"`);
    if (this.manual) this.manualNow = target;
    else this.offset = target - Date.now();
    this.emit();
  }

  /** Called after every advance/set (the support agent catches up then). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
