import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/app-error';
import {
  GOOGLE_READ_RETRY_POLICY as POLICY,
  backoffDelayMs,
  decideRetry,
  withRetry,
} from '../../main/core/api/retry-policy';
import { InstantClock } from './helpers/instant-clock';

const unavailable = () => new AppError('server', 'busy', { status: 'UNAVAILABLE', httpStatus: '503' });
const internal = () => new AppError('server', 'boom', { status: 'INTERNAL', httpStatus: '500' });
const quota = (retryAfterMs?: number) =>
  new AppError('quota', 'slow down', retryAfterMs === undefined ? {} : { retryAfterMs: String(retryAfterMs) });

describe('backoff', () => {
  it('grows from 1 s by ×1.3 and caps at 10 s', () => {
    expect([0, 1, 2, 3].map((retry) => backoffDelayMs(POLICY, retry))).toEqual([1000, 1300, 1690, 2197]);
    expect(backoffDelayMs(POLICY, 20)).toBe(10_000);
  });
});

describe('decideRetry', () => {
  const state = { attempts: 1, quotaRetries: 0, elapsedMs: 0 };

  it('never retries a write, whatever the error', () => {
    expect(decideRetry(POLICY, 'write', unavailable(), state)).toEqual({ retry: false });
    expect(decideRetry(POLICY, 'write', quota(10), state)).toEqual({ retry: false });
  });

  it('retries a read on UNAVAILABLE and on a lost connection, not on other server errors', () => {
    expect(decideRetry(POLICY, 'read', unavailable(), state)).toEqual({ retry: true, delayMs: 1000 });
    expect(decideRetry(POLICY, 'read', new AppError('offline', 'down'), state)).toEqual({ retry: true, delayMs: 1000 });
    expect(decideRetry(POLICY, 'read', internal(), state)).toEqual({ retry: false });
    expect(decideRetry(POLICY, 'read', new AppError('not_found', 'gone'), state)).toEqual({ retry: false });
  });

  it('stops after 5 attempts and before the 60 s overall timeout', () => {
    expect(decideRetry(POLICY, 'read', unavailable(), { ...state, attempts: 5 })).toEqual({ retry: false });
    expect(decideRetry(POLICY, 'read', unavailable(), { ...state, elapsedMs: 59_500 })).toEqual({ retry: false });
  });

  it('waits out a 429 on reads as Retry-After says, a bounded number of times', () => {
    expect(decideRetry(POLICY, 'read', quota(2500), state)).toEqual({ retry: true, delayMs: 2500 });
    expect(decideRetry(POLICY, 'read', quota(), state)).toEqual({ retry: true, delayMs: POLICY.defaultQuotaWaitMs });
    expect(decideRetry(POLICY, 'read', quota(2500), { ...state, quotaRetries: 2 })).toEqual({ retry: false });
    expect(decideRetry(POLICY, 'read', quota(POLICY.maxQuotaWaitMs + 1), state)).toEqual({ retry: false });
  });
});

describe('withRetry', () => {
  it('retries a read until it succeeds, sleeping the backoff in between', async () => {
    const clock = new InstantClock();
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw unavailable();
        return 'ok';
      },
      { policy: POLICY, kind: 'read', clock },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(clock.delays).toEqual([1000, 1300]);
  });

  it('gives up after 5 attempts with the last error', async () => {
    const clock = new InstantClock();
    let calls = 0;
    const attempt = withRetry(
      async () => {
        calls += 1;
        throw unavailable();
      },
      { policy: POLICY, kind: 'read', clock },
    );
    await expect(attempt).rejects.toMatchObject({ code: 'server' });
    expect(calls).toBe(5);
    expect(clock.delays).toEqual([1000, 1300, 1690, 2197]);
  });

  it('sends a write once', async () => {
    let calls = 0;
    const attempt = withRetry(
      async () => {
        calls += 1;
        throw unavailable();
      },
      { policy: POLICY, kind: 'write', clock: new InstantClock() },
    );
    await expect(attempt).rejects.toMatchObject({ code: 'server' });
    expect(calls).toBe(1);
  });

  it('passes non-app errors through untouched', async () => {
    const bug = new TypeError('bug');
    await expect(
      withRetry(async () => Promise.reject(bug), { policy: POLICY, kind: 'read', clock: new InstantClock() }),
    ).rejects.toBe(bug);
  });

  it('stops waiting as soon as the caller cancels', async () => {
    const controller = new AbortController();
    let calls = 0;
    const attempt = withRetry(
      async () => {
        calls += 1;
        controller.abort();
        throw unavailable();
      },
      { policy: POLICY, kind: 'read', clock: new InstantClock(), signal: controller.signal },
    );
    await expect(attempt).rejects.toMatchObject({ code: 'cancelled' });
    expect(calls).toBe(1);
  });
});
