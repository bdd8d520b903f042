/** Order statistics of a set of timings (nearest-rank), for the emulator benches. */
export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) throw new Error('No timings to summarize.');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}
