/**
 * How often each customer of a domain is polled: by what its cached cases say.
 * - pending: a case filed from this app awaits the search index (seconds matter: it shows "pending");
 * - hot: a case waits on Google (NEW, IN_PROGRESS_GOOGLE_SUPPORT): Google may answer any minute;
 * - warm: open cases, all waiting on the team: Google rarely moves them;
 * - quiet: no open case: only a new case filed elsewhere (the customer, a colleague) can appear;
 * - denied: the customer has not granted this reseller access to its cases: nothing to see
 *   until its administrator does (rare), so the search that would find out is hourly.
 */
export type SyncTier = 'pending' | 'hot' | 'warm' | 'quiet' | 'denied';

export interface ScheduleIntervals extends Record<SyncTier, number> {
  /** A case on screen or just acted on: `cases.get` follow-ups this often... */
  focus: number;
  /** ...for this long after it was last opened or acted on. */
  focusFor: number;
}

/**
 * Hot: every 50 s, so a Google answer is in the cache within 60 s at p95 with the pass
 * up to PASS_GAP_MS late. Warm: 5 min, the team's own cases change through the team.
 * Quiet: 15 min, so a case a customer files elsewhere shows within 15 min; at 1,000
 * customers that alone is 4,000 requests an hour of the 6,000 that make a tenth of
 * polling everyone every minute, so what is not worth it waits longer: denied customers
 * hourly. Focus: the case the user reads refreshes every 20 s for 10 min, then drops to
 * its customer's tier.
 */
export const DEFAULT_SCHEDULE_INTERVALS: ScheduleIntervals = {
  pending: 5_000,
  hot: 50_000,
  warm: 5 * 60_000,
  quiet: 15 * 60_000,
  denied: 60 * 60_000,
  focus: 20_000,
  focusFor: 10 * 60_000,
};

/** What a pass should read: customers to search (undefined: every customer) and cases to re-read. */
export interface PassScope {
  customerIds?: readonly string[];
  caseNames: readonly string[];
}

/** Most urgent first when the request budget cannot cover everything due. */
const RANK: Record<SyncTier | 'focus', number> = { focus: 0, pending: 1, hot: 2, warm: 3, quiet: 4, denied: 5 };

interface Entry {
  tier: SyncTier;
  dueAt: number;
  /** Fixed offset within each interval (from the id's hash): customers fall due spread out, never in bursts. */
  phase: number;
}

/**
 * The due times of one domain's customers and focused cases. Pure: time comes in as
 * arguments, so the loop and the tests drive it alike. Each customer has a fixed phase,
 * so 1,000 quiet customers fall due ~1 a second rather than 1,000 at once every 15 min,
 * also after a full pass polled them all together.
 */
export class SyncSchedule {
  private readonly customers = new Map<string, Entry>();
  private readonly focused = new Map<string, { dueAt: number; until: number }>();

  constructor(private readonly intervals: ScheduleIntervals = DEFAULT_SCHEDULE_INTERVALS) {}

  /**
   * The customers and their tiers now. A new customer is due at its phase within its
   * tier's interval; one whose tier got hotter is due no later than its next slot of the
   * new tier; customers no longer listed are forgotten.
   */
  setTiers(tiers: ReadonlyMap<string, SyncTier>, now: number): void {
    for (const customerId of this.customers.keys()) if (!tiers.has(customerId)) this.customers.delete(customerId);
    for (const [customerId, tier] of tiers) {
      const entry = this.customers.get(customerId);
      if (!entry) {
        const entry: Entry = { tier, phase: hashFraction(customerId), dueAt: 0 };
        entry.dueAt = this.nextSlot(entry, now, 0);
        this.customers.set(customerId, entry);
      } else if (entry.tier !== tier) {
        const hotter = RANK[tier] < RANK[entry.tier];
        entry.tier = tier;
        if (hotter) entry.dueAt = Math.min(entry.dueAt, this.nextSlot(entry, now, 0));
      }
    }
  }

  /** The customers were searched at `now` (undefined: all of them): each is due at its next slot. */
  polled(customerIds: readonly string[] | undefined, now: number): void {
    const entries = customerIds ? customerIds.flatMap((id) => this.customers.get(id) ?? []) : this.customers.values();
    for (const entry of entries) entry.dueAt = this.nextSlot(entry, now, 0.5);
  }

  /** The user opened or acted on a case: follow-ups every `focus` until `focusFor` after now. */
  focus(caseName: string, now: number): void {
    const current = this.focused.get(caseName);
    this.focused.set(caseName, {
      dueAt: current?.dueAt ?? now + this.intervals.focus,
      until: now + this.intervals.focusFor,
    });
  }

  /** The focused cases were re-read at `now`. */
  caseRead(caseNames: readonly string[], now: number): void {
    for (const name of caseNames) {
      const entry = this.focused.get(name);
      if (entry) entry.dueAt = now + this.intervals.focus;
    }
  }

  /**
   * What is due by `now`, most urgent first (focus, pending, hot, warm, quiet; the most
   * overdue first within a tier), at most `limit` items of one request each. Focus that
   * ran out is dropped here.
   */
  due(now: number, limit = Infinity): Required<PassScope> {
    this.dropExpired(now);
    const items: { rank: number; dueAt: number; customerId?: string; caseName?: string }[] = [];
    for (const [caseName, entry] of this.focused)
      if (entry.dueAt <= now) items.push({ rank: RANK.focus, dueAt: entry.dueAt, caseName });
    for (const [customerId, entry] of this.customers)
      if (entry.dueAt <= now) items.push({ rank: RANK[entry.tier], dueAt: entry.dueAt, customerId });
    items.sort((a, b) => a.rank - b.rank || a.dueAt - b.dueAt);
    const taken = items.slice(0, Math.max(0, limit));
    return {
      customerIds: taken.flatMap((item) => item.customerId ?? []),
      caseNames: taken.flatMap((item) => item.caseName ?? []),
    };
  }

  /** When the next customer or focused case falls due (Infinity: none). */
  nextDueAt(now: number): number {
    this.dropExpired(now);
    let next = Infinity;
    for (const entry of this.focused.values()) next = Math.min(next, entry.dueAt);
    for (const entry of this.customers.values()) next = Math.min(next, entry.dueAt);
    return next;
  }

  tierOf(customerId: string): SyncTier | undefined {
    return this.customers.get(customerId)?.tier;
  }

  focusedCases(now: number): string[] {
    this.dropExpired(now);
    return [...this.focused.keys()];
  }

  private dropExpired(now: number): void {
    for (const [name, entry] of this.focused) if (entry.until <= now) this.focused.delete(name);
  }

  /**
   * The first time at the customer's phase of its tier's interval that is at least
   * `minFraction` of an interval after now: a customer polled late (the budget held it)
   * is not polled again right away, one polled early (a full pass) keeps its slot.
   */
  private nextSlot(entry: Entry, now: number, minFraction: number): number {
    const interval = this.intervals[entry.tier];
    const offset = entry.phase * interval;
    const earliest = now + minFraction * interval;
    return offset + Math.ceil((earliest - offset) / interval) * interval;
  }
}

/**
 * A stable number in [0, 1) from a string: FNV-1a, then MurmurHash3's finalizer, since
 * customer ids differ in their last characters and FNV alone leaves the high bits alike.
 */
function hashFraction(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 4294967296;
}
