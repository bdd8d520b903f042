import type { NetworkSignal, NetworkSignals } from '../../main/core/ports';

/** The OS's network and power events, as a test or the preview's control says them. */
export class SimulatedNetworkSignals implements NetworkSignals {
  private online = true;
  private readonly listeners = new Set<(signal: NetworkSignal) => void>();

  isOnline(): boolean {
    return this.online;
  }

  subscribe(listener: (signal: NetworkSignal) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Says `signal` as the OS would: 'online'/'offline' only on a change, as the Electron adapter does. */
  say(signal: NetworkSignal): void {
    if (signal === 'online' || signal === 'offline') {
      if (this.online === (signal === 'online')) return;
      this.online = signal === 'online';
    }
    for (const listener of this.listeners) listener(signal);
  }
}
