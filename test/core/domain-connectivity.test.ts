import { describe, expect, it } from 'vitest';
import { DomainConnectivity, type ConnectivityState } from '../../main/core/domain/domain-connectivity';

function watched() {
  const connectivity = new DomainConnectivity();
  const changes: ConnectivityState[] = [];
  const sleeps: boolean[] = [];
  let retries = 0;
  connectivity.onChange((state) => changes.push(state));
  connectivity.onRetry(() => (retries += 1));
  connectivity.onSleep((asleep) => sleeps.push(asleep));
  return { connectivity, changes, sleeps, retries: () => retries };
}

describe('DomainConnectivity', () => {
  it('follows its requests: no answer is offline, any answer is online and a reason to retry', () => {
    const { connectivity, changes, retries } = watched();
    connectivity.reportReachable();
    expect(changes).toEqual([]);
    connectivity.reportUnreachable();
    connectivity.reportUnreachable();
    expect(connectivity.state).toBe('offline');
    expect(changes).toEqual(['offline']);
    expect(retries()).toBe(0);
    connectivity.reportReachable();
    expect(changes).toEqual(['offline', 'online']);
    expect(retries()).toBe(1);
  });

  it('is offline while the OS says so, whatever the requests said; OS online is a retry, not proof', () => {
    const { connectivity, changes, retries } = watched();
    connectivity.machineWentOffline();
    expect(connectivity).toMatchObject({ state: 'offline', waitingForOs: true });
    connectivity.machineWentOnline();
    expect(connectivity).toMatchObject({ state: 'online', waitingForOs: false });
    expect(changes).toEqual(['offline', 'online']);
    expect(retries()).toBe(1);
    // Requests had failed: OS online does not make it online, but asks to try once.
    connectivity.reportUnreachable();
    connectivity.machineWentOffline();
    connectivity.machineWentOnline();
    expect(connectivity.state).toBe('offline');
    expect(retries()).toBe(2);
    // Already online: OS online still asks to try (queued work may wait).
    connectivity.reportReachable();
    connectivity.machineWentOnline();
    expect(retries()).toBe(4);
  });

  it('an answer is proof enough to clear an OS "offline"', () => {
    const { connectivity, changes } = watched();
    connectivity.machineWentOffline();
    connectivity.reportReachable();
    expect(connectivity).toMatchObject({ state: 'online', waitingForOs: false });
    expect(changes).toEqual(['offline', 'online']);
  });

  it('sleeps and wakes; waking asks to retry', () => {
    const { connectivity, sleeps, retries } = watched();
    connectivity.suspend();
    connectivity.suspend();
    expect(connectivity).toMatchObject({ asleep: true, waitingForOs: true, state: 'online' });
    connectivity.resume();
    expect(connectivity).toMatchObject({ asleep: false, waitingForOs: false });
    expect(sleeps).toEqual([true, false]);
    expect(retries()).toBe(1);
  });

  it('a locked screen counts as asleep; waking while locked waits for the unlock to retry', () => {
    const { connectivity, sleeps, retries } = watched();
    connectivity.lock();
    expect(connectivity).toMatchObject({ asleep: true, waitingForOs: true, state: 'online' });
    // Locked, then the machine sleeps and wakes still locked: asleep throughout, no retry yet.
    connectivity.suspend();
    connectivity.resume();
    expect(connectivity.asleep).toBe(true);
    expect(retries()).toBe(0);
    connectivity.unlock();
    expect(connectivity).toMatchObject({ asleep: false, waitingForOs: false });
    expect(sleeps).toEqual([true, false]);
    expect(retries()).toBe(1);
    // Unlocked while the machine is asleep (it cannot be, but the signals may come out of order): no retry until it wakes.
    connectivity.suspend();
    connectivity.lock();
    connectivity.unlock();
    expect(retries()).toBe(1);
    connectivity.resume();
    expect(retries()).toBe(2);
  });
});
