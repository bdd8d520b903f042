import { MAX_RECENT_API_ERRORS, type ApiErrorEntry } from '../../../shared/model/diagnostics';
import type { AppError } from '../../../shared/app-error';
import { cancelledByCaller } from '../api/reporting-fetch';
import { readJsonSafely } from '../api/http-transport';
import { mapNetworkError, mapOAuthError, mapRpcError } from '../api/rpc-error-mapper';
import type { Clock, FetchLike } from '../ports';
import { googleMethodName, isOAuthMethod, type OAuthEndpoints } from './google-method';

/** Requests are counted per minute: 60 one-minute buckets make the last hour (60 numbers, whatever the traffic). */
export const REQUEST_BUCKET_MS = 60_000;
export const REQUEST_BUCKETS = 60;
/** Google's messages are a sentence or two; a longer one is cut here (the model's bound). */
const MAX_MESSAGE_CHARS = 2_000;

/**
 * One domain's API traffic, for its Diagnostics: how many requests it sent in the last
 * hour, and its last MAX_RECENT_API_ERRORS failed calls with Google's method name, the
 * HTTP status, the app's error code and Google's message. Bounded memory: 60 counters
 * and 20 entries. Never holds a token, a header, a query string or a body.
 */
export class RequestLog {
  private readonly minutes = new Array<number>(REQUEST_BUCKETS).fill(-1);
  private readonly counts = new Array<number>(REQUEST_BUCKETS).fill(0);
  /** Newest first. */
  private readonly errors: ApiErrorEntry[] = [];

  constructor(private readonly clock: Pick<Clock, 'now'>) {}

  countRequest(): void {
    const minute = Math.floor(this.clock.now() / REQUEST_BUCKET_MS);
    const slot = minute % REQUEST_BUCKETS;
    if (this.minutes[slot] !== minute) {
      this.minutes[slot] = minute;
      this.counts[slot] = 0;
    }
    this.counts[slot] = (this.counts[slot] ?? 0) + 1;
  }

  /** Requests sent in this minute and the 59 before it (so between 59 and 60 minutes' worth). */
  requestsLastHour(): number {
    const minute = Math.floor(this.clock.now() / REQUEST_BUCKET_MS);
    let total = 0;
    for (let slot = 0; slot < REQUEST_BUCKETS; slot += 1) {
      const at = this.minutes[slot] ?? -1;
      if (at > minute - REQUEST_BUCKETS && at <= minute) total += this.counts[slot] ?? 0;
    }
    return total;
  }

  recordError(method: string, httpStatus: number | null, error: AppError): void {
    this.errors.unshift({
      at: new Date(this.clock.now()).toISOString(),
      method,
      httpStatus,
      code: error.code,
      message: error.message.slice(0, MAX_MESSAGE_CHARS),
    });
    this.errors.length = Math.min(this.errors.length, MAX_RECENT_API_ERRORS);
  }

  /** The last failed calls, newest first. */
  recentErrors(): ApiErrorEntry[] {
    return this.errors.map((entry) => ({ ...entry }));
  }
}

/**
 * One domain's fetch, counting each request in its RequestLog and recording each one that
 * failed: an HTTP error answer (its body read from a clone, mapped as the API clients map
 * it), or no answer at all (offline, the attempt's timeout). A request its caller
 * cancelled did not fail. Every request of the domain passes here: the API clients' (the
 * sync's, the user's actions', the probes') and the token refreshes'.
 */
export function recordingFetch(fetch: FetchLike, log: RequestLog, endpoints: OAuthEndpoints): FetchLike {
  return async (input, init) => {
    log.countRequest();
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = googleMethodName(url, init?.method ?? (input instanceof Request ? input.method : 'GET'), endpoints);
    let response: Response;
    try {
      response = await fetch(input, init);
    } catch (error) {
      if (!cancelledByCaller(init?.signal)) {
        log.recordError(method, null, mapNetworkError(error, { timedOut: init?.signal?.aborted === true }));
      }
      throw error;
    }
    if (!response.ok) {
      const body = await readJsonSafely(response.clone());
      const error = isOAuthMethod(method) ? mapOAuthError(response.status, body) : mapRpcError(response.status, body);
      log.recordError(method, response.status, error);
    }
    return response;
  };
}
