import { describe, expect, it } from 'vitest';
import { SyncLoop } from '../../main/core/sync/sync-loop';
import { AppError } from '../../shared/app-error';
import { ManualClock } from '../helpers/manual-clock';
import { recordingDomainContext } from './helpers/recording-domain-context';

type Outcome = { requests: number } | AppError;

function loopWith(
  outcomes: Outcome[],
  options: { intervalMs?: number; requestBudgetPerMinute?: number; awaitingIndex?: () => boolean } = {},
) {
  const clock = new ManualClock();
  const recording = recordingDomainContext('northwind-reseller.example', clock);
  const calls: boolean[] = [];
  let synced: string | null = null;
  const loop = new SyncLoop(recording.context, {
    intervalMs: options.intervalMs ?? 60_000,
    requestBudgetPerMinute: options.requestBudgetPerMinute,
    awaitingIndex: options.awaitingIndex,
    followUpMs: 5_000,
    initialBackoffMs: 5_000,
    maxBackoffMs: 40_000,
    lastSyncedAt: () => synced,
    pass: async (_signal, { requested }) => {
      calls.push(requested);
      const outcome = outcomes.shift() ?? { requests: 1 };
      // As the domain's fetch reports them: no answer at all, or an answer of any status.
      if (outcome instanceof AppError && outcome.code === 'offline') recording.context.connectivity.reportUnreachable();
      else recording.context.connectivity.reportReachable();
      if (outcome instanceof AppError) throw outcome;
      synced = new Date(clock.now()).toISOString();
      return outcome;
    },
  });
  // Every status the loop took, as the app's EventSink received them.
  const statuses = recording.payloads('sync:status');
  return { loop, clock, statuses, calls, recording };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const offline = () => new AppError('offline', 'No connection');

describe('SyncLoop', () => {
  it('syncs at start, then on every interval', async () => {
    const { loop, clock, statuses, calls } = loopWith([]);
    loop.start();
    await settle();
    expect(statuses.map((status) => status.state)).toEqual(['syncing', 'idle']);
    expect(statuses[1]!.lastSyncedAt).toBe(new Date(clock.now()).toISOString());
    expect(clock.pendingDelays()).toEqual([60_000]);
    clock.advance(60_000);
    await settle();
    expect(calls).toEqual([true, false]);
    expect(clock.pendingDelays()).toEqual([60_000]);
  });

  it('goes offline, keeps the last sync time and retries with a growing backoff', async () => {
    const { loop, clock, statuses, calls } = loopWith([
      { requests: 1 },
      offline(),
      offline(),
      offline(),
      offline(),
      offline(),
    ]);
    loop.start();
    await settle();
    const lastSyncedAt = loop.status.lastSyncedAt;
    const delays: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      clock.advance(clock.pendingDelays()[0]!);
      await settle();
      delays.push(clock.pendingDelays()[0]!);
    }
    expect(delays).toEqual([5_000, 10_000, 20_000, 40_000, 40_000]);
    expect(loop.status).toMatchObject({ state: 'offline', lastSyncedAt, error: { code: 'offline' } });
    clock.advance(40_000);
    await settle();
    expect(loop.status.state).toBe('idle');
    expect(loop.status.error).toBeUndefined();
    expect(clock.pendingDelays()).toEqual([60_000]);
    expect(calls).toHaveLength(7);
    expect(statuses.filter((status) => status.state === 'offline')).toHaveLength(5);
  });

  it('waits what a rate limit asks, and reports other failures as errors', async () => {
    const quota = new AppError('quota', 'Too many requests', { retryAfterMs: '25000' });
    const denied = new AppError('missing_privilege', 'Missing privilege', { privilege: 'Support' });
    const { loop, clock } = loopWith([quota, denied]);
    loop.start();
    await settle();
    expect(loop.status).toMatchObject({ state: 'error', error: { code: 'quota' } });
    expect(clock.pendingDelays()).toEqual([25_000]);
    clock.advance(25_000);
    await settle();
    expect(loop.status).toMatchObject({
      state: 'error',
      error: { code: 'missing_privilege', detail: { privilege: 'Support' } },
    });
    expect(clock.pendingDelays()).toEqual([60_000]);
  });

  it('paces itself under the request budget when a pass costs many calls', async () => {
    const { loop, clock } = loopWith([{ requests: 600 }], { requestBudgetPerMinute: 120 });
    loop.start();
    await settle();
    expect(clock.pendingDelays()).toEqual([300_000]);
  });

  it('joins a pass in flight instead of starting a second one', async () => {
    const { loop, calls } = loopWith([]);
    const [a, b] = await Promise.all([loop.runNow(), loop.runNow()]);
    expect(calls).toEqual([true]);
    expect(a).toEqual(b);
  });

  it('stays quiet while paused and resumes on start', async () => {
    const { loop, clock, calls } = loopWith([]);
    loop.start();
    await settle();
    loop.pause({ state: 'error', error: new AppError('session_expired', 'Sign in again').toData() });
    expect(loop.status).toMatchObject({ state: 'error', error: { code: 'session_expired' } });
    expect(clock.pendingDelays()).toEqual([]);
    clock.advance(10 * 60_000);
    await settle();
    expect(calls).toHaveLength(1);
    loop.start();
    await settle();
    expect(calls).toHaveLength(2);
    expect(loop.status.state).toBe('idle');
  });

  it('while filed cases await the index, passes follow up every few seconds, within the budget', async () => {
    let pending = true;
    const { loop, clock, calls } = loopWith([{ requests: 1 }, { requests: 1 }, { requests: 20 }], {
      awaitingIndex: () => pending,
      requestBudgetPerMinute: 120,
    });
    loop.start();
    await settle();
    expect(clock.pendingDelays()).toEqual([5_000]);
    clock.advance(5_000);
    await settle();
    // 20 requests at 120 a minute: the budget's 10 s wins over the 5 s follow-up.
    expect(calls).toHaveLength(2);
    clock.advance(5_000);
    await settle();
    expect(calls).toHaveLength(3);
    expect(clock.pendingDelays()).toEqual([10_000]);
    pending = false;
    clock.advance(10_000);
    await settle();
    expect(calls).toHaveLength(4);
    expect(clock.pendingDelays()).toEqual([60_000]);
  });

  it('a case just filed brings the next pass forward, never past the budget', async () => {
    const { loop, clock, calls } = loopWith([{ requests: 30 }], { requestBudgetPerMinute: 120 });
    loop.start();
    await settle();
    expect(clock.pendingDelays()).toEqual([60_000]);
    // 30 requests at 120 a minute: 15 s must pass since the last pass ended.
    loop.followUpSoon();
    expect(clock.pendingDelays()).toEqual([15_000]);
    // Another case filed meanwhile never puts the sooner pass off.
    clock.advance(14_000);
    loop.followUpSoon();
    expect(clock.pendingDelays()).toEqual([1_000]);
    clock.advance(1_000);
    await settle();
    expect(calls).toEqual([true, false]);
  });

  it('is offline as soon as another request of the domain gets no answer, and syncs at once when one does', async () => {
    const { loop, clock, calls, recording } = loopWith([]);
    loop.start();
    await settle();
    const { connectivity } = recording.context;
    connectivity.reportUnreachable();
    expect(loop.status).toMatchObject({ state: 'offline', error: { code: 'offline' } });
    // The server may come back without the OS saying anything: the timer keeps probing.
    expect(clock.pendingDelays()).toEqual([60_000]);
    connectivity.reportReachable();
    await settle();
    expect(calls).toEqual([true, false]);
    expect(loop.status.state).toBe('idle');
  });

  it('says offline only when the domain is: an offline error while its requests get answers is an error', async () => {
    const clock = new ManualClock();
    const recording = recordingDomainContext('northwind-reseller.example', clock);
    // The pass fails with `offline`, but no request of the domain went unanswered.
    const loop = new SyncLoop(recording.context, {
      lastSyncedAt: () => null,
      pass: async () => {
        throw offline();
      },
    });
    loop.start();
    await settle();
    expect(loop.status).toMatchObject({ state: 'error', error: { code: 'offline' } });
    expect(recording.payloads('sync:status').some((status) => status.state === 'offline')).toBe(false);
  });

  it('holds every timer while the OS says there is no network, and syncs at once when it says online', async () => {
    const { loop, clock, calls, recording } = loopWith([]);
    loop.start();
    await settle();
    const { connectivity } = recording.context;
    connectivity.machineWentOffline();
    expect(loop.status).toMatchObject({ state: 'offline' });
    expect(clock.pendingDelays()).toEqual([]);
    clock.advance(10 * 60_000);
    await settle();
    expect(calls).toHaveLength(1);
    connectivity.machineWentOnline();
    await settle();
    expect(calls).toEqual([true, false]);
    expect(loop.status.state).toBe('idle');
    expect(clock.pendingDelays()).toEqual([60_000]);
  });

  it('stops while the machine sleeps, even mid-pass, and syncs at once on waking', async () => {
    const { loop, clock, calls, recording } = loopWith([]);
    loop.start();
    await settle();
    const { connectivity } = recording.context;
    const pass = loop.runNow();
    expect(loop.status.state).toBe('syncing');
    connectivity.suspend();
    await pass;
    expect(loop.status.state).toBe('idle');
    expect(clock.pendingDelays()).toEqual([]);
    clock.advance(10 * 60_000);
    await settle();
    expect(calls).toHaveLength(2);
    connectivity.resume();
    await settle();
    expect(calls).toHaveLength(3);
    expect(clock.pendingDelays()).toEqual([60_000]);
  });

  it('after a long offline backoff, coming back online forgets the backoff and syncs now', async () => {
    const { loop, clock, calls, recording } = loopWith([{ requests: 1 }, offline(), offline(), offline()]);
    loop.start();
    await settle();
    for (let i = 0; i < 3; i += 1) {
      clock.advance(clock.pendingDelays()[0]!);
      await settle();
    }
    expect(clock.pendingDelays()).toEqual([20_000]);
    recording.context.connectivity.machineWentOnline();
    await settle();
    expect(calls).toHaveLength(5);
    expect(loop.status.state).toBe('idle');
  });
});
