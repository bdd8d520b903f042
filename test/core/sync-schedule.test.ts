import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE_INTERVALS, SyncSchedule, type SyncTier } from '../../main/core/sync/sync-schedule';

const T0 = Date.UTC(2026, 2, 2, 9);
const SECOND = 1_000;
const MINUTE = 60_000;

/** Polls whatever falls due, second by second, as a loop with no budget would; returns each customer's poll times. */
function simulate(schedule: SyncSchedule, from: number, durationMs: number, limitPerSecond = Infinity) {
  const polls = new Map<string, number[]>();
  for (let now = from; now < from + durationMs; now += SECOND) {
    const { customerIds } = schedule.due(now, limitPerSecond);
    for (const id of customerIds) polls.set(id, [...(polls.get(id) ?? []), now]);
    schedule.polled(customerIds, now);
  }
  return polls;
}

function gaps(times: number[]): number[] {
  return times.slice(1).map((time, i) => time - times[i]!);
}

function tiersOf(entries: [string, SyncTier][]): Map<string, SyncTier> {
  return new Map(entries);
}

describe('SyncSchedule', () => {
  it('polls each customer at its tier interval: hot every 50 s, warm every 5 min, quiet every 15 min', () => {
    const schedule = new SyncSchedule();
    schedule.setTiers(
      tiersOf([
        ['hot-1', 'hot'],
        ['warm-1', 'warm'],
        ['quiet-1', 'quiet'],
      ]),
      T0,
    );
    const polls = simulate(schedule, T0, 2 * 60 * MINUTE);
    for (const [id, interval] of [
      ['hot-1', DEFAULT_SCHEDULE_INTERVALS.hot],
      ['warm-1', DEFAULT_SCHEDULE_INTERVALS.warm],
      ['quiet-1', DEFAULT_SCHEDULE_INTERVALS.quiet],
    ] as const) {
      const times = polls.get(id)!;
      // The first poll within one interval of start, then exactly one per interval.
      expect(times[0]! - T0).toBeLessThan(interval);
      expect(new Set(gaps(times))).toEqual(new Set([interval]));
    }
  });

  it('spreads customers of one tier over its interval instead of polling them in bursts, also after a full pass', () => {
    const schedule = new SyncSchedule();
    const ids = Array.from({ length: 900 }, (_, i) => `customer-${i}`);
    schedule.setTiers(tiersOf(ids.map((id) => [id, 'quiet'])), T0);
    // A full pass polls everyone at once: their next polls still come spread out.
    schedule.polled(undefined, T0);
    const perMinute = new Map<number, number>();
    const polls = simulate(schedule, T0, DEFAULT_SCHEDULE_INTERVALS.quiet);
    for (const times of polls.values()) {
      for (const time of times) {
        const minute = Math.floor((time - T0) / MINUTE);
        perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
      }
    }
    // 900 customers over 15 minutes: 60 a minute on average; a burst would put hundreds in one minute.
    expect([...perMinute.values()].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(900);
    expect(Math.max(...perMinute.values())).toBeLessThan(120);
  });

  it('a customer turning hot is polled within the hot interval; one cooling down keeps its slot until polled', () => {
    const schedule = new SyncSchedule();
    schedule.setTiers(tiersOf([['c', 'quiet']]), T0);
    schedule.polled(['c'], T0);
    const quietDue = schedule.nextDueAt(T0);
    expect(quietDue - T0).toBeGreaterThanOrEqual(DEFAULT_SCHEDULE_INTERVALS.quiet / 2);
    schedule.setTiers(tiersOf([['c', 'hot']]), T0 + SECOND);
    expect(schedule.nextDueAt(T0 + SECOND) - (T0 + SECOND)).toBeLessThanOrEqual(DEFAULT_SCHEDULE_INTERVALS.hot);
    const hotDue = schedule.nextDueAt(T0 + SECOND);
    schedule.setTiers(tiersOf([['c', 'quiet']]), T0 + 2 * SECOND);
    expect(schedule.nextDueAt(T0 + 2 * SECOND)).toBe(hotDue);
    // Customers no longer listed are forgotten.
    schedule.setTiers(new Map(), T0 + 3 * SECOND);
    expect(schedule.nextDueAt(T0 + 3 * SECOND)).toBe(Infinity);
  });

  it('under a limit, takes focus first, then pending, hot, warm, quiet, the most overdue first', () => {
    const schedule = new SyncSchedule();
    schedule.setTiers(
      tiersOf([
        ['quiet-1', 'quiet'],
        ['warm-1', 'warm'],
        ['hot-1', 'hot'],
        ['hot-2', 'hot'],
        ['pending-1', 'pending'],
      ]),
      T0,
    );
    const later = T0 + 16 * MINUTE;
    schedule.focus('organizations/1/cases/7', later - MINUTE);
    expect(schedule.due(later, 3)).toEqual({
      customerIds: ['pending-1', expect.stringMatching(/^hot-/)],
      caseNames: ['organizations/1/cases/7'],
    });
    const all = schedule.due(later);
    expect(all.customerIds.slice(-2)).toEqual(['warm-1', 'quiet-1']);
    expect(schedule.due(later, 0)).toEqual({ customerIds: [], caseNames: [] });
  });

  it('follows a focused case every 20 s for 10 min after the last time it was opened or acted on, then drops it', () => {
    const schedule = new SyncSchedule();
    const name = 'organizations/1/cases/7';
    schedule.focus(name, T0);
    const reads: number[] = [];
    for (let now = T0; now <= T0 + 30 * MINUTE; now += SECOND) {
      // Opened again 4 minutes in: the follow-ups last 10 minutes from then.
      if (now === T0 + 4 * MINUTE) schedule.focus(name, now);
      const { caseNames } = schedule.due(now);
      if (caseNames.includes(name)) reads.push(now);
      schedule.caseRead(caseNames, now);
    }
    expect(new Set(gaps(reads))).toEqual(new Set([DEFAULT_SCHEDULE_INTERVALS.focus]));
    expect(reads.at(-1)! - T0).toBeLessThan(14 * MINUTE);
    expect(reads.at(-1)! - T0).toBeGreaterThan(13 * MINUTE);
    expect(schedule.focusedCases(T0 + 30 * MINUTE)).toEqual([]);
  });

  it('a customer polled late (held by the budget) is not polled again right after', () => {
    const schedule = new SyncSchedule();
    schedule.setTiers(tiersOf([['c', 'hot']]), T0);
    const due = schedule.nextDueAt(T0);
    const late = due + 45 * SECOND;
    schedule.polled(['c'], late);
    expect(schedule.nextDueAt(late) - late).toBeGreaterThanOrEqual(DEFAULT_SCHEDULE_INTERVALS.hot / 2);
  });
});
