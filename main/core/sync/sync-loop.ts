import { AppError } from '../../../shared/app-error';
import type { SyncStatus } from '../../../shared/model/account';
import type { DomainContext } from '../domain/domain-context';

export interface SyncLoopOptions {
  /**
   * One refresh of the domain. Resolves with the API calls it made; rejects with an
   * AppError when it fails.
   */
  pass: (signal: AbortSignal, kind: PassKind) => Promise<{ requests: number }>;
  /** Returns the time of the last successful sync, as stored with the cache. */
  lastSyncedAt: () => string | null;
  intervalMs?: number;
  /**
   * API calls per minute the background sync may spend on average: Google's limit is
   * per user (300/min by default) and the user's own actions need the rest. A domain
   * with many customers therefore syncs less often than every interval.
   */
  requestBudgetPerMinute?: number;
  /** First wait after going offline; doubles up to maxBackoffMs. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /**
   * True while cases filed from this app wait for the search index to list them: passes
   * then come every `followUpMs` (within the request budget), so "pending" ends within
   * seconds of Google indexing the case rather than at the next minute's pass.
   */
  awaitingIndex?: () => boolean;
  followUpMs?: number;
}

/** Why a pass runs. */
export interface PassKind {
  /** Asked for (start, sync:now) rather than by the timer. */
  requested: boolean;
  /** The first pass after a long sleep or a long time offline: its changes make one summary. */
  catchUp: boolean;
}

/** How often a domain syncs, as the app or a test tunes it. */
export type SyncTuning = Pick<SyncLoopOptions, 'intervalMs' | 'followUpMs'>;

export const DEFAULT_SYNC_INTERVAL_MS = 60_000;
export const DEFAULT_REQUEST_BUDGET_PER_MINUTE = 120;
export const DEFAULT_INITIAL_BACKOFF_MS = 5_000;
export const DEFAULT_MAX_BACKOFF_MS = 5 * 60_000;
/** The demo's indexing delay is 2 s; Google's is "a few moments" (seed). */
export const DEFAULT_FOLLOW_UP_MS = 5_000;

/**
 * The heartbeat of one domain: a pass now, then one every interval; while failing,
 * retries with a growing backoff (a 429 waits what the server asked). Never two passes
 * at once: `syncNow` during a pass waits for it. Paused (no timer) until resumed, e.g.
 * while the domain must sign in again. Follows the domain's connectivity: 'offline'
 * exactly while the domain is offline (whatever made it so: a pass, another request of
 * the domain, the OS); no timer at all while the OS says there is no network or the
 * machine sleeps; while only the requests say offline, the backoff passes are the probe
 * (nothing else would tell that the server is back). Whenever the connectivity says to
 * try again (back online, OS online, wake), a pass runs at once. Every change of status
 * goes out as `sync:status`; a failed pass is logged.
 */
export class SyncLoop {
  private current: SyncStatus;
  private timer: { cancel(): void } | undefined;
  private running: Promise<SyncStatus> | undefined;
  private abort: AbortController | undefined;
  private failures = 0;
  private active = false;
  private nextPassAt = Infinity;
  /** The least wait the request budget allows after the last pass, from its end. */
  private budgetWait = { from: 0, ms: 0 };

  constructor(
    private readonly context: Pick<DomainContext, 'domain' | 'clock' | 'log' | 'emit' | 'connectivity'>,
    private readonly options: SyncLoopOptions,
  ) {
    this.current = { domain: context.domain, state: 'idle', lastSyncedAt: options.lastSyncedAt() };
    const { connectivity } = context;
    connectivity.onRetry(() => this.catchUp());
    connectivity.onChange((state) => {
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

  /** Starts the timer with a pass right away. */
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
   * A case was just filed: the next pass comes within `followUpMs` (budget allowing)
   * instead of at the end of the interval. A pass under way schedules its own follow-up.
   */
  followUpSoon(): void {
    if (!this.active || this.running || !this.timer) return;
    const now = this.context.clock.now();
    const earliest = Math.max(
      now + (this.options.followUpMs ?? DEFAULT_FOLLOW_UP_MS),
      this.budgetWait.from + this.budgetWait.ms,
    );
    if (earliest < this.nextPassAt) this.schedule(earliest - now);
  }

  /** From the very start of a pass (before `running` is set: its first request may already report) to its end. */
  private get passing(): boolean {
    return this.abort !== undefined;
  }

  /**
   * The connectivity says to try now (back online, OS online, wake): a pass at once,
   * with the backoff forgotten. A pass under way is left to finish and reschedule.
   */
  private catchUp(): void {
    if (!this.active || this.passing || this.context.connectivity.asleep) return;
    this.failures = 0;
    void this.runNow(false);
  }

  /** Nothing to try until the OS says otherwise: no timer, no pass in flight. */
  private hold(): void {
    if (!this.active) return;
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

  /** Runs a pass now (or joins the one running) and resolves with the status after it. */
  runNow(requested = true): Promise<SyncStatus> {
    this.running ??= this.runPass(requested).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runPass(requested: boolean): Promise<SyncStatus> {
    this.timer?.cancel();
    this.timer = undefined;
    const abort = new AbortController();
    this.abort = abort;
    this.setStatus({ state: 'syncing', lastSyncedAt: this.options.lastSyncedAt() });
    let delayMs = this.options.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
    try {
      const { requests } = await this.options.pass(abort.signal, { requested, catchUp: false });
      const budget = this.options.requestBudgetPerMinute ?? DEFAULT_REQUEST_BUDGET_PER_MINUTE;
      this.budgetWait = { from: this.context.clock.now(), ms: Math.ceil((requests * 60_000) / budget) };
      if (this.options.awaitingIndex?.()) delayMs = this.options.followUpMs ?? DEFAULT_FOLLOW_UP_MS;
      delayMs = Math.max(delayMs, this.budgetWait.ms);
      this.failures = 0;
      this.setStatus({ state: 'idle', lastSyncedAt: this.options.lastSyncedAt() });
    } catch (caught) {
      // Paused mid-pass: pause() already said what the status is.
      if (abort.signal.aborted) return this.current;
      const error = toAppError(caught);
      this.failures += 1;
      this.context.log.warn(`Sync of ${this.context.domain} failed: ${error.code}: ${error.message}`);
      // Offline only when the domain is: its requests got no answer, or the OS said so.
      const offline = !this.context.connectivity.online;
      this.setStatus({
        state: offline ? 'offline' : 'error',
        lastSyncedAt: this.options.lastSyncedAt(),
        error: error.toData(),
      });
      delayMs = this.retryDelay(error, delayMs);
    } finally {
      if (this.abort === abort) this.abort = undefined;
    }
    if (this.active) this.schedule(delayMs);
    return this.current;
  }

  private retryDelay(error: AppError, intervalMs: number): number {
    const asked = Number(error.detail?.retryAfterMs);
    if (error.code === 'quota' && Number.isFinite(asked) && asked > 0) return Math.max(asked, 1_000);
    const initial = this.options.initialBackoffMs ?? DEFAULT_INITIAL_BACKOFF_MS;
    const max = this.options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
    const backoff = Math.min(max, initial * 2 ** (this.failures - 1));
    return error.code === 'offline' || error.code === 'timeout' || error.code === 'server' || error.code === 'quota'
      ? backoff
      : Math.max(backoff, intervalMs);
  }

  private schedule(delayMs: number): void {
    this.timer?.cancel();
    this.timer = undefined;
    // The OS will say when to try again (machineWentOnline, resume → catchUp).
    if (this.context.connectivity.waitingForOs) return;
    this.nextPassAt = this.context.clock.now() + delayMs;
    this.timer = this.context.clock.setTimeout(() => {
      this.timer = undefined;
      this.nextPassAt = Infinity;
      if (this.active) void this.runNow(false);
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
