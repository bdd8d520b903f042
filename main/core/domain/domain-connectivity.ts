/**
 * Whether one domain's backend answers, learned from real signals only: its own requests
 * (an HTTP answer of any status proves the path works; a network error without one is
 * evidence against), and the OS (offline is reliable; online and wake from sleep are
 * reasons to try again, not proof). Never a timer's guess.
 */
export type ConnectivityState = 'online' | 'offline';

export class DomainConnectivity {
  private current: ConnectivityState = 'online';
  private readonly stateListeners = new Set<(state: ConnectivityState) => void>();
  private readonly retryListeners = new Set<() => void>();

  get state(): ConnectivityState {
    return this.current;
  }

  get online(): boolean {
    return this.current === 'online';
  }

  /** A request of this domain got an answer from the server. */
  reportReachable(): void {
    this.set('online');
  }

  /** A request of this domain failed without an answer (DNS, refused, reset, timeout). */
  reportUnreachable(): void {
    this.set('offline');
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

  private set(state: ConnectivityState): void {
    if (state === this.current) return;
    this.current = state;
    for (const listener of this.stateListeners) listener(state);
    if (state === 'online') this.retryNow();
  }
}
