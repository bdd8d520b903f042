/**
 * Work over a whole domain's cases (tens of thousands) runs in the Electron main process,
 * where a long synchronous stretch stalls every IPC answer: such work goes a slice at a
 * time, letting other callbacks run in between.
 */
export const CASES_PER_SLICE = 500;

/** Resolves after the callbacks already waiting (I/O, timers, IPC) have had their turn. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
