/**
 * Numbers requests so that only the answer to the latest one is applied: a slow answer
 * to an older keystroke must never replace the answer to a newer one.
 */
export interface SequenceGuard {
  next(): number;
  isLatest(seq: number): boolean;
}

function createSequenceGuard(): SequenceGuard {
  let latest = 0;
  return {
    next: () => ++latest,
    isLatest: (seq) => seq === latest,
  };
}

/** One guard per key (e.g. per domain), made on first use; `forget` drops a key's guard. */
export function createSequenceGuards(): { of(key: string): SequenceGuard; forget(key: string): void } {
  const guards = new Map<string, SequenceGuard>();
  return {
    of(key) {
      let guard = guards.get(key);
      if (!guard) guards.set(key, (guard = createSequenceGuard()));
      return guard;
    },
    forget: (key) => guards.delete(key),
  };
}
