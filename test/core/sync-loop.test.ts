import { describe, expect, it } from 'vitest';
import { LONG_AWAY_MS, PASS_GAP_MS, SyncLoop } from '../../main/core/sync/sync-loop';
import {
  DEFAULT_SCHEDULE_INTERVALS,
  type PassScope,
  type ScheduleIntervals,
  type SyncTier,
} from '../../main/core/sync/sync-schedule';
import { AppError } from '../../shared/app-error';
import { ManualClock } from '../helpers/manual-clock';
import { recordingDomainContext } from './helpers/recording-domain-context';

type Outcome = { requests: number } | AppError;

interface Call {
  at: number;
  requested: boolean;
  catchUp: boolean;
  scope: PassScope;
}

/** Fifteen minutes: with no customer, a pass still comes this often (to learn new ones). */
const QUIET = DEFAULT_SCHEDULE_INTERVALS.quiet;

function loopWith(
  outcomes: Outcome[],
  options: {
    intervalMs?: number;
    requestBudgetPerMinute?: number;
    tiers?: () => ReadonlyMap<string, SyncTier>;
    schedule?: Partial<ScheduleIntervals>;
  } = {},
) {
  const clock = new ManualClock();
  const recording = recordingDomainContext('northwind-reseller.example', clock);
  const calls: Call[] = [];
  let synced: string | null = null;
  const tiers = options.tiers ?? (() => new Map<string, SyncTier>());
  const loop = new SyncLoop(recording.context, {
    intervalMs: options.intervalMs,
    schedule: options.schedule,
    requestBudgetPerMinute: options.requestBudgetPerMinute,
    tiers,
    followUpMs: 5_000,
    initialBackoffMs: 5_000,
    maxBackoffMs: 40_000,
    lastSyncedAt: () => synced,
    pass: async (_signal, { requested, catchUp }, scope) => {
      calls.push({ at: clock.now(), requested, catchUp, scope });
      // By default a pass costs what it read: a search per customer (all of them on a full pass), a get per case.
      const outcome = outcomes.shift() ?? {
        requests: (scope.customerIds?.length ?? tiers().size) + scope.caseNames.length,
      };
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
  /** Moves the clock `ms` forward, a second at a time, letting every pass that falls due finish. */
  const run = async (ms: number) => {
    for (let step = 0; step < ms; step += 1_000) {
      clock.advance(Math.min(1_000, ms - step));
      await settle();
    }
  };
  /** When each customer was searched, full passes included. */
  const pollTimes = (customerId: string) =>
    calls
      .filter((call) => call.scope.customerIds === undefined || call.scope.customerIds.includes(customerId))
      .map((call) => call.at);
  return { loop, clock, statuses, calls, recording, run, pollTimes };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const offline = () => new AppError('offline', 'No connection');

const gaps = (times: number[]) => times.slice(1).map((time, i) => time - times[i]!);
const tiers = (entries: [string, SyncTier][]) => () => new Map(entries);

describe('SyncLoop', () => {
  it('syncs every customer at start, then each timed pass reads only the customers due by their tier', async () => {
    const { loop, statuses, calls, run, pollTimes } = loopWith([], {
      tiers: tiers([
        ['hot', 'hot'],
        ['warm', 'warm'],
        ['quiet', 'quiet'],
      ]),
    });
    loop.start();
    await settle();
    expect(statuses.map((status) => status.state)).toEqual(['syncing', 'idle']);
    expect(calls).toEqual([
      expect.objectContaining({ requested: true, scope: { customerIds: undefined, caseNames: [] } }),
    ]);
    await run(60 * 60_000);
    expect(calls.slice(1).every((call) => !call.requested && call.scope.customerIds !== undefined)).toBe(true);
    for (const [id, interval] of [
      ['hot', DEFAULT_SCHEDULE_INTERVALS.hot],
      ['warm', DEFAULT_SCHEDULE_INTERVALS.warm],
      ['quiet', DEFAULT_SCHEDULE_INTERVALS.quiet],
    ] as const) {
      // After the full pass, a customer keeps its phase: its first timed poll comes within 1.5 intervals.
      const [afterFull, ...times] = pollTimes(id).slice(1);
      expect(afterFull! - calls[0]!.at).toBeLessThanOrEqual(1.5 * interval + PASS_GAP_MS);
      // Never more than one interval (and the gap that batches timed passes) between two polls, nor less than half of one.
      expect(Math.max(...gaps(times))).toBeLessThanOrEqual(interval + PASS_GAP_MS);
      expect(Math.min(...gaps(times))).toBeGreaterThanOrEqual(interval / 2);
      expect(times.length).toBeLessThanOrEqual(Math.ceil((60 * 60_000) / interval) + 2);
    }
  });

  it('takes its own interval for a tier (the preview’s e2e polls hot customers every second), the passes still PASS_GAP_MS apart', async () => {
    const { loop, run, pollTimes } = loopWith([], {
      tiers: tiers([
        ['hot', 'hot'],
        ['warm', 'warm'],
      ]),
      schedule: { hot: 1_000 },
    });
    loop.start();
    await settle();
    await run(60_000);
    const hot = pollTimes('hot').slice(1);
    expect(hot.length).toBeGreaterThanOrEqual(60_000 / (1_000 + PASS_GAP_MS) - 1);
    expect(Math.max(...gaps(hot))).toBeLessThanOrEqual(1_000 + PASS_GAP_MS);
    // The other tiers keep the app's intervals: warm is not due again within the minute.
    expect(pollTimes('warm').slice(1).length).toBeLessThanOrEqual(1);
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
    clock.advance(clock.pendingDelays()[0]!);
    await settle();
    const lastSyncedAt = loop.status.lastSyncedAt;
    const delays: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      delays.push(clock.pendingDelays()[0]!);
      clock.advance(clock.pendingDelays()[0]!);
      await settle();
    }
    expect(delays).toEqual([5_000, 10_000, 20_000, 40_000, 40_000]);
    expect(statuses.filter((status) => status.state === 'offline')).toHaveLength(5);
    expect(loop.status.state).toBe('idle');
    expect(loop.status.lastSyncedAt).not.toBe(lastSyncedAt);
    expect(loop.status.error).toBeUndefined();
    expect(clock.pendingDelays()).toEqual([QUIET]);
    expect(calls).toHaveLength(7);
  });

  it('holds every pass until a 429 Retry-After, whatever asks sooner, and reports other failures as errors', async () => {
    const quota = new AppError('quota', 'Too many requests', { retryAfterMs: '25000' });
    const denied = new AppError('missing_privilege', 'Missing privilege', { privilege: 'Support' });
    const { loop, clock, calls, recording } = loopWith([quota, denied], { tiers: tiers([['hot', 'hot']]) });
    loop.start();
    await settle();
    expect(loop.status).toMatchObject({ state: 'error', error: { code: 'quota' } });
    expect(clock.pendingDelays()).toEqual([25_000]);
    // Neither a case opened, nor the OS saying online, nor sync:now polls before the wait is over.
    clock.advance(10_000);
    loop.focus('organizations/1/cases/7');
    recording.context.connectivity.machineWentOnline();
    await loop.runNow();
    await settle();
    expect(calls).toHaveLength(1);
    expect(clock.pendingDelays()).toEqual([15_000]);
    clock.advance(15_000);
    await settle();
    // The pass the 429 held reads every customer.
    expect(calls[1]).toMatchObject({ scope: { customerIds: undefined } });
    expect(loop.status).toMatchObject({
      state: 'error',
      error: { code: 'missing_privilege', detail: { privilege: 'Support' } },
    });
    expect(clock.pendingDelays()).toEqual([DEFAULT_SCHEDULE_INTERVALS.hot]);
  });

  it('after a pass that cost more than the budget, waits a minute at most (the quota is per minute)', async () => {
    // Twenty hot customers: some fall due within the minute.
    const { loop, clock } = loopWith([{ requests: 600 }], {
      requestBudgetPerMinute: 120,
      tiers: tiers(Array.from({ length: 20 }, (_, i): [string, SyncTier] => [`hot-${i}`, 'hot'])),
    });
    loop.start();
    await settle();
    // A minute's worth in debt: back to one request of credit after (120 + 1) / 120 minutes.
    expect(clock.pendingDelays()).toEqual([((120 + 1) * 60_000) / 120]);
  });

  it('when what is due costs more than the budget, the quiet customers wait and the hot ones do not', async () => {
    const entries: [string, SyncTier][] = [
      ...Array.from({ length: 5 }, (_, i): [string, SyncTier] => [`hot-${i}`, 'hot']),
      ...Array.from({ length: 400 }, (_, i): [string, SyncTier] => [`quiet-${i}`, 'quiet']),
    ];
    const budget = 20;
    const { loop, calls, run, pollTimes } = loopWith([], { tiers: tiers(entries), requestBudgetPerMinute: budget });
    loop.start();
    await settle();
    await run(60 * 60_000);
    const timed = calls.slice(1);
    const spent = timed.reduce((sum, call) => sum + call.scope.customerIds!.length + call.scope.caseNames.length, 0);
    // An hour at 20 a minute (the first minute paid the full pass's debt).
    expect(spent).toBeLessThanOrEqual(60 * budget);
    // 400 quiet customers every 15 min would be 1,600 requests an hour: some wait longer...
    const quietGaps = entries.filter(([, tier]) => tier === 'quiet').flatMap(([id]) => gaps(pollTimes(id)));
    expect(Math.max(...quietGaps)).toBeGreaterThan(DEFAULT_SCHEDULE_INTERVALS.quiet + PASS_GAP_MS);
    // ...but the hot ones keep their pace once the full pass's minute is paid (a pass or two
    // late when several fall due together on a credit of 1 request every 3 s).
    for (const id of ['hot-0', 'hot-4']) {
      const hotTimes = pollTimes(id).filter((time) => time > calls[0]!.at + 2 * 60_000);
      expect(Math.max(...gaps(hotTimes))).toBeLessThanOrEqual(DEFAULT_SCHEDULE_INTERVALS.hot + 3 * PASS_GAP_MS);
    }
  });

  it('re-reads a focused case about every 20 s for 10 min, then no more', async () => {
    const { loop, calls, run } = loopWith([], { tiers: tiers([['quiet', 'quiet']]) });
    loop.start();
    await settle();
    const name = 'organizations/1/cases/7';
    loop.focus(name);
    await run(30 * 60_000);
    const reads = calls.filter((call) => call.scope.caseNames.includes(name)).map((call) => call.at);
    expect(reads.length).toBeGreaterThanOrEqual(25);
    expect(reads.length).toBeLessThanOrEqual(30);
    expect(Math.max(...gaps(reads))).toBeLessThanOrEqual(DEFAULT_SCHEDULE_INTERVALS.focus + PASS_GAP_MS);
    expect(reads.at(-1)! - calls[0]!.at).toBeLessThanOrEqual(DEFAULT_SCHEDULE_INTERVALS.focusFor);
  });

  it('joins a pass in flight instead of starting a second one', async () => {
    const { loop, calls } = loopWith([]);
    const [a, b] = await Promise.all([loop.runNow(), loop.runNow()]);
    expect(calls.map((call) => call.requested)).toEqual([true]);
    expect(a).toEqual(b);
  });

  it('stays quiet while paused and resumes on start', async () => {
    const { loop, clock, calls } = loopWith([]);
    loop.start();
    await settle();
    loop.pause({ state: 'error', error: new AppError('session_expired', 'Sign in again').toData() });
    expect(loop.status).toMatchObject({ state: 'error', error: { code: 'session_expired' } });
    expect(clock.pendingDelays()).toEqual([]);
    clock.advance(30 * 60_000);
    await settle();
    expect(calls).toHaveLength(1);
    loop.start();
    await settle();
    expect(calls).toHaveLength(2);
    expect(loop.status.state).toBe('idle');
  });

  it('while a filed case awaits the index, its customer is searched every few seconds, within the budget', async () => {
    let pending = false;
    const { loop, clock, calls } = loopWith([{ requests: 1 }, { requests: 1 }, { requests: 300 }], {
      tiers: () =>
        new Map<string, SyncTier>([
          ['filer', pending ? 'pending' : 'quiet'],
          ['other', 'quiet'],
        ]),
      requestBudgetPerMinute: 120,
    });
    loop.start();
    await settle();
    clock.advance(PASS_GAP_MS);
    pending = true;
    loop.followUpSoon();
    expect(clock.pendingDelays()[0]).toBeLessThanOrEqual(5_000);
    clock.advance(clock.pendingDelays()[0]!);
    await settle();
    expect(calls[1]!.scope.customerIds).toEqual(['filer']);
    expect(clock.pendingDelays()).toEqual([5_000]);
    clock.advance(5_000);
    await settle();
    expect(calls).toHaveLength(3);
    // 300 requests spent of the minute's 120: the budget's wait wins over the 5 s follow-up.
    expect(clock.pendingDelays()[0]).toBeGreaterThan(5_000);
    pending = false;
    clock.advance(clock.pendingDelays()[0]!);
    await settle();
    expect(calls).toHaveLength(4);
    expect(clock.pendingDelays()[0]).toBeGreaterThan(60_000);
  });

  it('is offline as soon as another request of the domain gets no answer, and syncs at once when one does', async () => {
    const { loop, clock, calls, recording } = loopWith([]);
    loop.start();
    await settle();
    const { connectivity } = recording.context;
    connectivity.reportUnreachable();
    expect(loop.status).toMatchObject({ state: 'offline', error: { code: 'offline' } });
    // The server may come back without the OS saying anything: the timer keeps probing.
    expect(clock.pendingDelays()).toEqual([QUIET]);
    connectivity.reportReachable();
    await settle();
    expect(calls.map((call) => call.requested)).toEqual([true, false]);
    expect(loop.status.state).toBe('idle');
  });

  it('says offline only when the domain is: an offline error while its requests get answers is an error', async () => {
    const clock = new ManualClock();
    const recording = recordingDomainContext('northwind-reseller.example', clock);
    // The pass fails with `offline`, but no request of the domain went unanswered.
    const loop = new SyncLoop(recording.context, {
      lastSyncedAt: () => null,
      tiers: () => new Map(),
      pass: async () => {
        throw offline();
      },
    });
    loop.start();
    await settle();
    expect(loop.status).toMatchObject({ state: 'error', error: { code: 'offline' } });
    expect(recording.payloads('sync:status').some((status) => status.state === 'offline')).toBe(false);
  });

  it('holds every timer while the OS says there is no network, and catches up on every overdue customer when it says online', async () => {
    const { loop, clock, calls, recording } = loopWith([], {
      tiers: tiers([
        ['hot', 'hot'],
        ['quiet', 'quiet'],
      ]),
    });
    loop.start();
    await settle();
    const { connectivity } = recording.context;
    connectivity.machineWentOffline();
    expect(loop.status).toMatchObject({ state: 'offline' });
    expect(clock.pendingDelays()).toEqual([]);
    clock.advance(20 * 60_000);
    await settle();
    expect(calls).toHaveLength(1);
    connectivity.machineWentOnline();
    await settle();
    expect(calls).toHaveLength(2);
    expect(calls[1]).toMatchObject({ requested: false, catchUp: true });
    expect([...calls[1]!.scope.customerIds!].sort()).toEqual(['hot', 'quiet']);
    expect(loop.status.state).toBe('idle');
    expect(clock.pendingDelays()).toHaveLength(1);
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
    clock.advance(30 * 60_000);
    await settle();
    expect(calls).toHaveLength(2);
    connectivity.resume();
    await settle();
    expect(calls).toHaveLength(3);
    expect(clock.pendingDelays()).toEqual([QUIET]);
  });

  it('a locked screen pauses like sleep: nothing until unlocked (a wake while locked waits too), then a catch-up', async () => {
    const { loop, clock, calls, recording, run } = loopWith([], { tiers: tiers([['hot', 'hot']]) });
    loop.start();
    await settle();
    const { connectivity } = recording.context;
    connectivity.lock();
    expect(clock.pendingDelays()).toEqual([]);
    connectivity.suspend();
    await run(LONG_AWAY_MS);
    connectivity.resume();
    await settle();
    expect(calls).toHaveLength(1);
    connectivity.unlock();
    await settle();
    expect(calls).toHaveLength(2);
    // Away 10 minutes or more: the changes found make one summary; the pass after is live again.
    expect(calls[1]).toMatchObject({ catchUp: true, scope: { customerIds: ['hot'] } });
    await run(1.5 * DEFAULT_SCHEDULE_INTERVALS.hot + PASS_GAP_MS);
    expect(calls).toHaveLength(3);
    expect(calls[2]!.catchUp).toBe(false);
  });

  it('a short lock or sleep is no catch-up: its changes are told as they come', async () => {
    const { loop, calls, recording, run } = loopWith([], { tiers: tiers([['hot', 'hot']]) });
    loop.start();
    await settle();
    const { connectivity } = recording.context;
    connectivity.lock();
    await run(LONG_AWAY_MS - 60_000);
    connectivity.unlock();
    await settle();
    expect(calls).toHaveLength(2);
    expect(calls[1]!.catchUp).toBe(false);
    connectivity.suspend();
    await run(LONG_AWAY_MS);
    connectivity.resume();
    await settle();
    expect(calls).toHaveLength(3);
    expect(calls[2]!.catchUp).toBe(true);
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
