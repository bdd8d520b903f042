const MB = 1024 * 1024;
const SAMPLE_EVERY_MS = 5;

/**
 * Peak resident memory of this process above a baseline taken after a full GC, sampled
 * every 5 ms (and whenever `sample` is called, e.g. on each progress report).
 */
export class MemorySampler {
  private peak: number;
  private readonly timer: ReturnType<typeof setInterval>;

  private constructor(private readonly baseline: number) {
    this.peak = baseline;
    this.timer = setInterval(() => this.sample(), SAMPLE_EVERY_MS);
  }

  static start(): MemorySampler {
    globalThis.gc?.();
    return new MemorySampler(process.memoryUsage.rss());
  }

  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }

  /** Stops sampling; the peak above the baseline, in MB. */
  stop(): number {
    this.sample();
    clearInterval(this.timer);
    return (this.peak - this.baseline) / MB;
  }
}
