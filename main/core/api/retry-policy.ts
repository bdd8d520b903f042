import { AppError } from '../../../shared/app-error';
import type { Clock } from '../ports';

/**
 * Google's published retry policy for Cloud Support v2 (cloudsupport_grpc_service_config):
 * reads retry on UNAVAILABLE only, 5 attempts, backoff 1 s → 10 s ×1.3, 60 s overall.
 * Writes are never retried blindly. 429 is not part of Google's retry codes; for reads
 * we still honour Retry-After a couple of times, since the rate limit is per user and
 * short-lived, and a background sync would otherwise fail for nothing.
 */
export interface RetryPolicy {
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  multiplier: number;
  totalTimeoutMs: number;
  /** How many times a read waits out a 429. */
  maxQuotaRetries: number;
  /** Longest Retry-After we are willing to sleep through; longer ones surface as `quota`. */
  maxQuotaWaitMs: number;
  /** Wait used when a 429 carries no Retry-After. */
  defaultQuotaWaitMs: number;
}

export const GOOGLE_READ_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  initialDelayMs: 1_000,
  maxDelayMs: 10_000,
  multiplier: 1.3,
  totalTimeoutMs: 60_000,
  maxQuotaRetries: 2,
  maxQuotaWaitMs: 30_000,
  defaultQuotaWaitMs: 5_000,
};

export type RequestKind = 'read' | 'write';

/** Delay before retry number `retry` (0 for the first retry). */
export function backoffDelayMs(policy: RetryPolicy, retry: number): number {
  return Math.min(policy.maxDelayMs, Math.round(policy.initialDelayMs * policy.multiplier ** retry));
}

export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

export interface RetryState {
  /** Attempts made so far, including the one that just failed. */
  attempts: number;
  /** Retries already spent waiting out 429s. */
  quotaRetries: number;
  /** Milliseconds since the first attempt started. */
  elapsedMs: number;
}

/** Whether to try again after `error`, and after how long. Pure, so it is unit-tested alone. */
export function decideRetry(policy: RetryPolicy, kind: RequestKind, error: AppError, state: RetryState): RetryDecision {
  if (kind === 'write') return { retry: false };
  let delayMs: number;
  if (error.code === 'quota') {
    if (state.quotaRetries >= policy.maxQuotaRetries) return { retry: false };
    const asked = Number(error.detail?.retryAfterMs);
    delayMs = Number.isFinite(asked) && asked >= 0 ? asked : policy.defaultQuotaWaitMs;
    if (delayMs > policy.maxQuotaWaitMs) return { retry: false };
  } else if (isUnavailable(error)) {
    if (state.attempts - state.quotaRetries >= policy.maxAttempts) return { retry: false };
    delayMs = backoffDelayMs(policy, state.attempts - state.quotaRetries - 1);
  } else {
    return { retry: false };
  }
  if (state.elapsedMs + delayMs >= policy.totalTimeoutMs) return { retry: false };
  return { retry: true, delayMs };
}

/**
 * UNAVAILABLE, and a connection that failed or dropped: gRPC reports both as
 * UNAVAILABLE, and repeating a read is harmless.
 */
function isUnavailable(error: AppError): boolean {
  if (error.code === 'server') return error.detail?.status === 'UNAVAILABLE';
  return error.code === 'offline';
}

/** Sleeps on the injected clock; rejects with `cancelled` when the signal aborts. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AppError('cancelled', 'The request was cancelled.'));
      return;
    }
    const onAbort = () => {
      timer.cancel();
      reject(new AppError('cancelled', 'The request was cancelled.'));
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface RetryOptions {
  policy: RetryPolicy;
  kind: RequestKind;
  clock: Clock;
  signal?: AbortSignal;
  /** Told before each wait, e.g. to show "retrying in 3 s". */
  onRetry?: (error: AppError, delayMs: number) => void;
}

/** Runs `attempt` until it succeeds or the policy says stop; the last error is thrown. */
export async function withRetry<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const started = options.clock.now();
  let attempts = 0;
  let quotaRetries = 0;
  for (;;) {
    try {
      attempts += 1;
      return await attempt();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const decision = decideRetry(options.policy, options.kind, error, {
        attempts,
        quotaRetries,
        elapsedMs: options.clock.now() - started,
      });
      if (!decision.retry) throw error;
      if (error.code === 'quota') quotaRetries += 1;
      options.onRetry?.(error, decision.delayMs);
      await sleep(options.clock, decision.delayMs, options.signal);
    }
  }
}
