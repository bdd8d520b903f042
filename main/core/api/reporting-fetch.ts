import type { FetchLike } from '../ports';

/** Where one domain's requests tell whether its server answers (DomainConnectivity). */
export interface Reachability {
  reportReachable(): void;
  reportUnreachable(): void;
}

/**
 * One domain's fetch, telling its connectivity what each request proved: an HTTP answer
 * of any status (a 500, a 429, a 401 too) means the server is reachable; a failure
 * without an answer (DNS, refused, reset, the attempt's timeout) means it is not. A
 * request the caller cancelled proves nothing. Every request of the domain goes through
 * it: the API clients' and the token refreshes'.
 */
export function reportingFetch(fetch: FetchLike, reachability: Reachability): FetchLike {
  return async (input, init) => {
    let response: Response;
    try {
      response = await fetch(input, init);
    } catch (error) {
      if (!cancelledByCaller(init?.signal)) reachability.reportUnreachable();
      throw error;
    }
    reachability.reportReachable();
    return response;
  };
}

/** HttpTransport aborts a slow attempt with a TimeoutError: that one is no answer, not a cancel. */
export function cancelledByCaller(signal: AbortSignal | null | undefined): boolean {
  if (!signal?.aborted) return false;
  const reason: unknown = signal.reason;
  return !(reason instanceof DOMException && reason.name === 'TimeoutError');
}
