/**
 * Whether one domain's backend answers, learned from real signals only: its own requests
 * (an HTTP answer of any status proves the path works; a network error without one is
 * evidence against), and the OS (offline is reliable; online and wake from sleep are
 * reasons to try again, not proof). Never a timer's guess.
 */
export type ConnectivityState = 'online' | 'offline';

export class DomainConnectivity {
  /** What this domain's own requests said last. */
  private reachable: ConnectivityState = 'online';
  /** The OS says the machine has no network at all (NetworkSignals 'offline'). */
  private machineOffline = false;
  private sleeping = false;
  private locked = false;
  private readonly stateListeners = new Set<(state: ConnectivityState) => void>();
  private readonly retryListeners = new Set<() => void>();
  private readonly sleepListeners = new Set<(asleep: boolean) => void>();

  get state(): ConnectivityState {
    return this.machineOffline ? 'offline' : this.reachable;
  }

  get online(): boolean {
    return this.state === 'online';
  }

  /**
   * The machine sleeps or its screen is locked: no background request should start until
   * it wakes and is unlocked (nobody reads the cases meanwhile).
   */
  get asleep(): boolean {
    return this.sleeping || this.locked;
  }

  /**
   * True while the OS says there is no network, or the machine sleeps or is locked: trying anything
   * is pointless until it says otherwise (machineWentOnline, resume). Offline from
   * failed requests alone is not this: only a request can tell when the server is back.
   */
  get waitingForOs(): boolean {
    return this.machineOffline || this.asleep;
  }

  /** A request of this domain got an answer from the server (proof enough to clear an OS "offline" too). */
  reportReachable(): void {
    this.change(() => {
      this.reachable = 'online';
      this.machineOffline = false;
    });
  }

  /** A request of this domain failed without an answer (DNS, refused, reset, timeout). */
  reportUnreachable(): void {
    this.change(() => {
      this.reachable = 'offline';
    });
  }

  /** The OS says the machine lost every network: reliable, so the domain is offline now. */
  machineWentOffline(): void {
    this.change(() => {
      this.machineOffline = true;
    });
  }

  /**
   * The OS says a network is back: not proof the server answers, so the state stays as
   * the requests left it, but queued work tries now (its answer decides).
   */
  machineWentOnline(): void {
    const wasOnline = this.online;
    this.change(() => {
      this.machineOffline = false;
    });
    // Going from offline to online already fired the retry.
    if (wasOnline || !this.online) this.retryNow();
  }

  /** The machine is about to sleep. */
  suspend(): void {
    this.setAsleep(() => (this.sleeping = true));
  }

  /** The machine woke up: whatever waited tries now (once the screen is unlocked too). */
  resume(): void {
    this.setAsleep(() => (this.sleeping = false));
    if (!this.asleep) this.retryNow();
  }

  /** The screen was locked: as asleep for the sync. */
  lock(): void {
    this.setAsleep(() => (this.locked = true));
  }

  /** The screen was unlocked: whatever waited tries now (unless the machine still sleeps). */
  unlock(): void {
    this.setAsleep(() => (this.locked = false));
    if (!this.asleep) this.retryNow();
  }

  /**
   * The OS says the network is back, or the machine woke up, or the user signed in
   * again: queued work should try now (a success then proves the domain online).
   */
  retryNow(): void {
    for (const listener of this.retryListeners) listener();
  }

  onChange(listener: (state: ConnectivityState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Fired by retryNow and on every offline → online change. */
  onRetry(listener: () => void): () => void {
    this.retryListeners.add(listener);
    return () => this.retryListeners.delete(listener);
  }

  /** Fired when the machine goes to sleep or is locked (true), and when it is awake and unlocked again (false). */
  onSleep(listener: (asleep: boolean) => void): () => void {
    this.sleepListeners.add(listener);
    return () => this.sleepListeners.delete(listener);
  }

  private setAsleep(apply: () => void): void {
    const before = this.asleep;
    apply();
    if (this.asleep !== before) for (const listener of this.sleepListeners) listener(this.asleep);
  }

  private change(apply: () => void): void {
    const before = this.state;
    apply();
    const after = this.state;
    if (after === before) return;
    for (const listener of this.stateListeners) listener(after);
    if (after === 'online') this.retryNow();
  }
}
