import type { FetchLike } from '../../main/core/ports';

/**
 * Counts the core's requests in flight (wrap each domain's fetch with fetchFor), so that a
 * test or bench on a manual clock moves the clocks only while the core waits for none.
 */
export class InFlight {
  count = 0;
  fetchFor(_domain: string, fetch: FetchLike): FetchLike {
    return async (input, init) => {
      this.count += 1;
      try {
        return await fetch(input, init);
      } finally {
        this.count -= 1;
      }
    };
  }
}
