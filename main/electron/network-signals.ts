import type { Net, PowerMonitor } from 'electron';
import type { Clock, NetworkSignal, NetworkSignals } from '../core/ports';

export interface ElectronNetworkSignalsDeps {
  net: Pick<Net, 'isOnline'>;
  powerMonitor: Pick<PowerMonitor, 'on' | 'off'>;
  clock: Clock;
  pollMs?: number;
}

/**
 * Electron's main process has no online/offline event (only the renderer's navigator
 * has one, and the core must not depend on a window), so net.isOnline() is polled. It
 * reads Chromium's cached network-change state, no request is made: every 5 s costs
 * nothing measurable and tells a lost network within 5 s, well before the 30 s an
 * attempt would take to time out.
 */
export const NETWORK_POLL_MS = 5_000;

type PowerEvent = 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen';

/**
 * The core's NetworkSignals over Electron: net.isOnline() polled for 'online'/'offline'
 * (told on change only), powerMonitor's 'suspend' and 'resume', 'lock-screen' and
 * 'unlock-screen' as 'lock' and 'unlock' (the sync pauses while locked; after a long lock
 * the network may have changed too). A wake or an unlock also checks the network at once
 * rather than at the next poll.
 */
export function createElectronNetworkSignals(deps: ElectronNetworkSignalsDeps): NetworkSignals & { dispose(): void } {
  const listeners = new Set<(signal: NetworkSignal) => void>();
  const tell = (signal: NetworkSignal) => {
    for (const listener of listeners) listener(signal);
  };
  let online = deps.net.isOnline();
  const check = () => {
    const now = deps.net.isOnline();
    if (now === online) return;
    online = now;
    tell(now ? 'online' : 'offline');
  };
  let timer: { cancel(): void } | undefined;
  const poll = () => {
    timer = deps.clock.setTimeout(() => {
      check();
      poll();
    }, deps.pollMs ?? NETWORK_POLL_MS);
  };
  const handlers: Record<PowerEvent, () => void> = {
    suspend: () => tell('suspend'),
    resume: () => {
      check();
      tell('resume');
    },
    'lock-screen': () => tell('lock'),
    'unlock-screen': () => {
      check();
      tell('unlock');
    },
  };
  for (const [event, handler] of Object.entries(handlers) as [PowerEvent, () => void][]) {
    // One overload per event in electron.d.ts: the union needs this cast.
    deps.powerMonitor.on(event as 'resume', handler);
  }
  poll();

  return {
    isOnline: () => online,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      timer?.cancel();
      timer = undefined;
      for (const [event, handler] of Object.entries(handlers) as [PowerEvent, () => void][]) {
        deps.powerMonitor.off(event as 'resume', handler);
      }
      listeners.clear();
    },
  };
}
