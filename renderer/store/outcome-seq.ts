let last = 0;

/**
 * Orders the outcomes of case actions and transfers, which live in two stores, so the
 * case's status line announces the latest of them.
 */
export function nextOutcomeSeq(): number {
  return ++last;
}
