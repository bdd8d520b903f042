import type { Net, PowerMonitor } from 'electron';
import { describe, expect, it } from 'vitest';
import type { NetworkSignal } from '../../main/core/ports';
import { createElectronNetworkSignals, NETWORK_POLL_MS } from '../../main/electron/network-signals';
import { ManualClock } from '../helpers/manual-clock';

/** Electron's net and powerMonitor, as far as the adapter uses them: the test sets the network and emits power events. */
function fakeElectron() {
  let online = true;
  const handlers = new Map<string, Set<() => void>>();
  const net: Pick<Net, 'isOnline'> = { isOnline: () => online };
  const powerMonitor = {
    on(event: string, listener: () => void) {
      if (!handlers.has(event)) handlers.set(event, new Set());
      handlers.get(event)!.add(listener);
      return powerMonitor;
    },
    off(event: string, listener: () => void) {
      handlers.get(event)?.delete(listener);
      return powerMonitor;
    },
  } as Pick<PowerMonitor, 'on' | 'off'>;
  return {
    net,
    powerMonitor,
    setOnline: (value: boolean) => (online = value),
    emit: (event: string) => handlers.get(event)?.forEach((listener) => listener()),
    listenerCount: () => [...handlers.values()].reduce((sum, set) => sum + set.size, 0),
  };
}

function started() {
  const electron = fakeElectron();
  const clock = new ManualClock();
  const signals = createElectronNetworkSignals({ net: electron.net, powerMonitor: electron.powerMonitor, clock });
  const said: NetworkSignal[] = [];
  signals.subscribe((signal) => said.push(signal));
  return { electron, clock, signals, said };
}

describe('Electron network signals', () => {
  it('tells online/offline changes of net.isOnline() within one poll, and only changes', () => {
    const { electron, clock, signals, said } = started();
    expect(signals.isOnline()).toBe(true);
    clock.advance(NETWORK_POLL_MS);
    expect(said).toEqual([]);
    electron.setOnline(false);
    clock.advance(NETWORK_POLL_MS - 1);
    expect(said).toEqual([]);
    clock.advance(1);
    expect(said).toEqual(['offline']);
    expect(signals.isOnline()).toBe(false);
    clock.advance(3 * NETWORK_POLL_MS);
    expect(said).toEqual(['offline']);
    electron.setOnline(true);
    clock.advance(NETWORK_POLL_MS);
    expect(said).toEqual(['offline', 'online']);
  });

  it('tells suspend and resume, lock and unlock of the screen; waking and unlocking check the network at once', () => {
    const { electron, said } = started();
    electron.emit('suspend');
    electron.setOnline(false);
    electron.emit('resume');
    expect(said).toEqual(['suspend', 'offline', 'resume']);
    electron.emit('lock-screen');
    electron.setOnline(true);
    electron.emit('unlock-screen');
    expect(said).toEqual(['suspend', 'offline', 'resume', 'lock', 'online', 'unlock']);
  });

  it('stops polling and listening when disposed', () => {
    const { electron, clock, signals, said } = started();
    signals.dispose();
    expect(electron.listenerCount()).toBe(0);
    expect(clock.pendingDelays()).toEqual([]);
    electron.setOnline(false);
    clock.advance(10 * NETWORK_POLL_MS);
    electron.emit('resume');
    expect(said).toEqual([]);
  });
});
