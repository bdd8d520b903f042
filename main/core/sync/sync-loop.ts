import { AppError } from '../../../shared/app-error';
import type { SyncStatus } from '../../../shared/model/account';
import type { DomainContext } from '../domain/domain-context';
import {
  DEFAULT_SCHEDULE_INTERVALS,
  SyncSchedule,
  type PassScope,
  type ScheduleIntervals,
  type SyncTier,
} from './sync-schedule';

export interface SyncLoopOptions {
  /**
   * One refresh of the domain: the customers and focused cases of `scope` (every customer
   * when `scope.customerIds` is undefined). Resolves with the API calls it made; rejects
   * with an AppError when it fails.
   */
  pass: (signal: AbortSignal, kind: PassKind, scope: PassScope) => Promise<{ requests: number }>;
  /** Returns the time of the last successful sync, as stored with the cache. */
  lastSyncedAt: () => string | null;
  /** Each reachable customer's tier, from the cache: read again after every pass and on `followUpSoon`. */
  tiers: () => ReadonlyMap<string, SyncTier>;
  /**
   * A floor under the timed intervals of every tier but `pending` (the schedule's own are
   * DEFAULT_SCHEDULE_INTERVALS): a test sets an hour to keep the timer out of its way.
   */
  intervalMs?: number;
  /**
   * The schedule's own intervals where they differ from DEFAULT_SCHEDULE_INTERVALS (the
   * browser preview's e2e polls hot customers every second, so Google's answer shows in
   * seconds rather than within 45 s); `intervalMs` still floors them.
   */
  schedule?: Partial<ScheduleIntervals>;
  /**
   * API calls per minute the background sync may spend on average: Google's limit is
   * per user (300/min by default) and the user's own actions need the rest. When what is
   * due costs more, the lower tiers wait (focus, pending, hot, warm, quiet).
   */
  requestBudgetPerMinute?: number;
  /** First wait after going offline; doubles up to maxBackoffMs. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /**
   * How often a customer is searched while a case filed from this app waits for the
   * search index to list it (the `pending` tier): "pending" ends within seconds of Google
   * indexing the case rather than at the customer's next poll.
   */
  followUpMs?: number;
}

/** Why a pass runs. */
export interface PassKind {
  /** Asked for (start, sync:now) rather than by the timer. */
  requested: boolean;
  /** The first pass after a long sleep, screen lock or time offline: its changes make one summary. */
  catchUp: boolean;
}

/** The last pass that succeeded: when it started and how long it took (Diagnostics). */
export interface CompletedPass {
  startedAt: number;
  durationMs: number;
}

/** How often a domain syncs, as the app or a test tunes it. */
export type SyncTuning = Pick<SyncLoopOptions, 'intervalMs' | 'followUpMs' | 'schedule'>;

export const DEFAULT_REQUEST_BUDGET_PER_MINUTE = 120;
export const DEFAULT_INITIAL_BACKOFF_MS = 5_000;
export const DEFAULT_MAX_BACKOFF_MS = 5 * 60_000;
/** The demo's indexing delay is 2 s; Google's is "a few moments" (seed). */
export const DEFAULT_FOLLOW_UP_MS = 5_000;
/**
 * Timed passes come at most this often, each taking every customer due by then: a
 * thousand customers falling due a second apart make one pass per 5 s (and one
 * `sync:status` pair), not one per second, for at most 5 s more latency.
 */
export const PASS_GAP_MS = 5_000;
/**
 * Away (asleep, screen locked, offline) at least this long, the first pass back is a
 * catch-up: Google's answers piled up meanwhile and make one summary. Shorter, they are
 * the few changes a live pass would have found a little later, each told on its own.
 */
export const LONG_AWAY_MS = 10 * 60_000;

type PassMode = 'requested' | 'timed' | 'catchUp';

/**
 * The heartbeat of one domain. The first pass (start, sync:now) reads every customer;
 * then each timed pass reads only the customers due by the SyncSchedule (by tier: a case
 * waiting on Google every 50 s, open cases waiting on the team every 5 min, no open case
 * every 15 min) and re-reads the cases the user has on screen or just acted on, under a
 * request budget (what it cannot cover waits, lowest tier first); a customer that has not
 * granted access is only checked hourly. While failing, retries
 * with a growing backoff; a 429 holds every request of the sync until its Retry-After.
 * Never two passes at once: `syncNow` during a pass waits for it. Paused (no timer) until
 * resumed, e.g. while the domain must sign in again. Follows the domain's connectivity:
 * 'offline' exactly while the domain is offline (whatever made it so: a pass, another
 * request of the domain, the OS); no timer at all while the OS says there is no network,
 * the machine sleeps or the screen is locked; while only the requests say offline, the
 * backoff passes are the probe (nothing else would tell that the server is back).
 * Whenever the connectivity says to try again (back online, OS online, wake, unlock), a
 * pass reads every overdue customer at once. Every change of status goes out as
 * `sync:status`; a failed pass is logged.
 */
export class SyncLoop {
  private current: SyncStatus;
  private timer: { cancel(): void } | undefined;
  private running: Promise<SyncStatus> | undefined;
  private abort: AbortController | undefined;
  private failures = 0;
  private active = false;
  private nextPassAt = Infinity;
  private readonly plan: SyncSchedule;
  private readonly intervals: ScheduleIntervals;
  private readonly budget: number;
  /** Requests the sync may still spend now: refills at the budget's rate, up to one minute's worth (see spend). */
  private credit: number;
  private creditAt: number;
  /** Until a full pass asked for (start, sync:now, also one a 429 held) succeeds, passes read every customer. */
  private fullPassOwed = true;
  /** A 429's Retry-After: no pass before. */
  private blockedUntil = 0;
  /** Since when the domain was asleep, locked or offline, until a pass succeeds again. */
  private awayFrom: number | undefined;
  private lastPassEnd = -Infinity;
  private completed: CompletedPass | null = null;

  constructor(
    private readonly context: Pick<DomainContext, 'domain' | 'clock' | 'log' | 'emit' | 'connectivity'>,
    private readonly options: SyncLoopOptions,
  ) {
    this.current = { domain: context.domain, state: 'idle', lastSyncedAt: options.lastSyncedAt() };
    const floor = options.intervalMs ?? 0;
    const defaults = { ...DEFAULT_SCHEDULE_INTERVALS, ...options.schedule };
    this.intervals = {
      pending: options.followUpMs ?? DEFAULT_FOLLOW_UP_MS,
      hot: Math.max(defaults.hot, floor),
      warm: Math.max(defaults.warm, floor),
      quiet: Math.max(defaults.quiet, floor),
      denied: Math.max(defaults.denied, floor),
      focus: Math.max(defaults.focus, floor),
      focusFor: defaults.focusFor,
    };
    this.plan = new SyncSchedule(this.intervals);
    this.budget = options.requestBudgetPerMinute ?? DEFAULT_REQUEST_BUDGET_PER_MINUTE;
    this.credit = this.budget;
    this.creditAt = context.clock.now();
    const { connectivity } = context;
    connectivity.onRetry(() => this.catchUp());
    connectivity.onChange((state) => {
      if (state === 'offline') this.awayFrom ??= this.context.clock.now();
      // A pass under way says it itself when it ends.
      if (state === 'offline' && !this.passing && this.active) this.showOffline();
      if (connectivity.waitingForOs) this.hold();
    });
    connectivity.onSleep((asleep) => {
      if (asleep) this.hold();
    });
  }

  get status(): SyncStatus {
    return this.current;
  }

  /** The last pass that succeeded since the app started, null before one did. */
  get lastCompletedPass(): CompletedPass | null {
    return this.completed;
  }

  /** Starts the timer with a pass of every customer right away. */
  start(): void {
    this.active = true;
    void this.runNow();
  }

  /** Stops the timer and cancels a pass in flight; `start` resumes. */
  pause(status?: Pick<SyncStatus, 'state' | 'error'>): void {
    this.active = false;
    this.timer?.cancel();
    this.timer = undefined;
    this.abort?.abort();
    if (status) this.setStatus({ ...status, lastSyncedAt: this.options.lastSyncedAt() });
    else if (this.current.state === 'syncing')
      this.setStatus({ state: 'idle', lastSyncedAt: this.options.lastSyncedAt() });
  }

  /**
   * The tiers changed outside a pass (a case was just filed: its customer is `pending`):
   * the next pass comes as soon as the schedule and the budget allow. A pass under way
   * schedules its own follow-up.
   */
  followUpSoon(): void {
    this.plan.setTiers(this.options.tiers(), this.context.clock.now());
    this.bringForward();
  }

  /** The user opened or acted on this case: re-read every ~20 s for ~10 min (DEFAULT_SCHEDULE_INTERVALS). */
  focus(caseName: string): void {
    this.plan.focus(caseName, this.context.clock.now());
    this.bringForward();
  }

  /** From the very start of a pass (before `running` is set: its first request may already report) to its end. */
  private get passing(): boolean {
    return this.abort !== undefined;
  }

  /** Moves the timer earlier if the schedule now wants a pass sooner (while failing, the backoff decides). */
  private bringForward(): void {
    if (!this.active || this.running || !this.timer || this.failures > 0) return;
    const delayMs = this.nextDelay();
    if (this.context.clock.now() + delayMs < this.nextPassAt) this.schedule(delayMs);
  }

  /**
   * The connectivity says to try now (back online, OS online, wake, unlock): a pass of
   * every overdue customer at once, with the backoff forgotten (a 429's wait still holds).
   * A pass under way is left to finish and reschedule.
   */
  private catchUp(): void {
    if (!this.active || this.passing || this.context.connectivity.asleep) return;
    this.failures = 0;
    const now = this.context.clock.now();
    if (now < this.blockedUntil) this.schedule(this.blockedUntil - now);
    else void this.run('catchUp');
  }

  /** Nothing to try until the OS says otherwise: no timer, no pass in flight. */
  private hold(): void {
    if (!this.active) return;
    this.awayFrom ??= this.context.clock.now();
    this.timer?.cancel();
    this.timer = undefined;
    this.nextPassAt = Infinity;
    this.abort?.abort();
    if (this.current.state === 'syncing' || !this.context.connectivity.online) this.showOffline();
  }

  private showOffline(): void {
    if (this.context.connectivity.online) {
      // Asleep but not offline: the pass stopped, the cases are as fresh as the last sync.
      this.setStatus({ state: 'idle', lastSyncedAt: this.options.lastSyncedAt() });
      return;
    }
    if (this.current.state === 'offline') return;
    this.setStatus({
      state: 'offline',
      lastSyncedAt: this.options.lastSyncedAt(),
      error: new AppError('offline', `${this.context.domain} cannot be reached.`, {
        domain: this.context.domain,
      }).toData(),
    });
  }

  /**
   * Runs a pass of every customer now (or joins the one running) and resolves with the
   * status after it. While a 429's Retry-After holds, no pass: the one after it reads
   * every customer instead.
   */
  runNow(): Promise<SyncStatus> {
    if (this.context.clock.now() < this.blockedUntil && !this.running) {
      this.fullPassOwed = true;
      return Promise.resolve(this.current);
    }
    return this.run('requested');
  }

  private run(mode: PassMode): Promise<SyncStatus> {
    this.running ??= this.runPass(mode).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** What a pass of this mode reads now. */
  private scopeFor(mode: PassMode, now: number): PassScope {
    // Asked for every customer: until a pass of them all succeeds, every pass is one.
    if (mode === 'requested') this.fullPassOwed = true;
    if (this.fullPassOwed) {
      return { customerIds: undefined, caseNames: this.plan.due(now).caseNames };
    }
    if (mode === 'catchUp') return this.plan.due(now);
    return this.plan.due(now, Math.floor(this.creditNow(now)));
  }

  private async runPass(mode: PassMode): Promise<SyncStatus> {
    this.timer?.cancel();
    this.timer = undefined;
    const abort = new AbortController();
    this.abort = abort;
    const startedAt = this.context.clock.now();
    const scope = this.scopeFor(mode, startedAt);
    const kind: PassKind = {
      requested: mode === 'requested',
      catchUp: this.awayFrom !== undefined && startedAt - this.awayFrom >= LONG_AWAY_MS,
    };
    this.setStatus({ state: 'syncing', lastSyncedAt: this.options.lastSyncedAt() });
    let delayMs: number;
    try {
      const { requests } = await this.options.pass(abort.signal, kind, scope);
      const now = this.context.clock.now();
      this.spend(requests, now);
      if (scope.customerIds === undefined) this.fullPassOwed = false;
      // The tiers as this pass left them decide when each customer it read is due again.
      this.plan.setTiers(this.options.tiers(), now);
      this.plan.polled(scope.customerIds, now);
      this.plan.caseRead(scope.caseNames, now);
      this.awayFrom = undefined;
      this.failures = 0;
      this.lastPassEnd = now;
      this.completed = { startedAt, durationMs: now - startedAt };
      this.setStatus({ state: 'idle', lastSyncedAt: this.options.lastSyncedAt() });
      delayMs = this.nextDelay();
    } catch (caught) {
      // Paused mid-pass: pause() already said what the status is.
      if (abort.signal.aborted) return this.current;
      const error = toAppError(caught);
      this.failures += 1;
      this.context.log.warn(`Sync of ${this.context.domain} failed: ${error.code}: ${error.message}`);
      // Offline only when the domain is: its requests got no answer, or the OS said so.
      const offline = !this.context.connectivity.online;
      if (offline) this.awayFrom ??= startedAt;
      this.setStatus({
        state: offline ? 'offline' : 'error',
        lastSyncedAt: this.options.lastSyncedAt(),
        error: error.toData(),
      });
      delayMs = this.retryDelay(error);
    } finally {
      if (this.abort === abort) this.abort = undefined;
    }
    if (this.active) this.schedule(delayMs);
    return this.current;
  }

  /** Until the next timed pass: the next due item, no sooner than the budget, a 429 and the gap between passes allow. */
  private nextDelay(): number {
    const now = this.context.clock.now();
    const credit = this.creditNow(now);
    const creditReady = credit >= 1 ? now : now + ((1 - credit) * 60_000) / this.budget;
    // With no customer at all, a pass every quiet interval still learns new ones.
    const due = Math.min(this.plan.nextDueAt(now), now + this.intervals.quiet);
    const at = Math.max(due, creditReady, this.blockedUntil, this.lastPassEnd + PASS_GAP_MS);
    return Math.max(0, Math.ceil(at - now));
  }

  private creditNow(now: number): number {
    return Math.min(this.budget, this.credit + ((now - this.creditAt) * this.budget) / 60_000);
  }

  /**
   * Google counts its quota per minute: a pass that spent more than the budget (a first
   * sync, sync:now, a catch-up) holds the timed passes for a minute at most, not for as
   * many minutes as it spent.
   */
  private spend(requests: number, now: number): void {
    this.credit = Math.max(-this.budget, this.creditNow(now) - requests);
    this.creditAt = now;
  }

  private retryDelay(error: AppError): number {
    const now = this.context.clock.now();
    const asked = Number(error.detail?.retryAfterMs);
    if (error.code === 'quota' && Number.isFinite(asked) && asked > 0) {
      const wait = Math.max(asked, 1_000);
      this.blockedUntil = now + wait;
      return wait;
    }
    const initial = this.options.initialBackoffMs ?? DEFAULT_INITIAL_BACKOFF_MS;
    const max = this.options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
    const backoff = Math.min(max, initial * 2 ** (this.failures - 1));
    return error.code === 'offline' || error.code === 'timeout' || error.code === 'server' || error.code === 'quota'
      ? backoff
      : Math.max(backoff, this.intervals.hot);
  }

  private schedule(delayMs: number): void {
    this.timer?.cancel();
    this.timer = undefined;
    // The OS will say when to try again (machineWentOnline, resume, unlock → catchUp).
    if (this.context.connectivity.waitingForOs) return;
    this.nextPassAt = this.context.clock.now() + delayMs;
    this.timer = this.context.clock.setTimeout(() => {
      this.timer = undefined;
      this.nextPassAt = Infinity;
      if (this.active) void this.run('timed');
    }, delayMs);
  }

  private setStatus(status: Omit<SyncStatus, 'domain'>): void {
    const next: SyncStatus = { domain: this.context.domain, ...status };
    if (!next.error) delete next.error;
    this.current = next;
    const { domain: _domain, ...payload } = next;
    this.context.emit('sync:status', payload);
  }
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError('internal', 'Sync failed unexpectedly.', undefined, { cause: error });
}
