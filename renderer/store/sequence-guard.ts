/**
 * Numbers requests so that only the answer to the latest one is applied: a slow answer
 * to an older keystroke must never replace the answer to a newer one.
 */
export interface SequenceGuard {
  next(): number;
  isLatest(seq: number): boolean;
}

export function createSequenceGuard(): SequenceGuard {
  let latest = 0;
  return {
    next: () => ++latest,
    isLatest: (seq) => seq === latest,
  };
}
