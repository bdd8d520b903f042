/**
 * Runs `work` over every item with at most `limit` calls in flight, and resolves once
 * all have settled. Failures are handed to `work`'s own handling: this never rejects
 * early, so one customer's error does not abandon the others half-way.
 */
export async function runBounded<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
