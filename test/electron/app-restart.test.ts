import { describe, expect, it } from 'vitest';
import { createAppRestart, RESTART_DELAY_MS } from '../../main/electron/app-restart';

function fakes() {
  const calls: string[] = [];
  const scheduled: Array<{ run: () => void; ms: number }> = [];
  const restart = createAppRestart({
    app: { relaunch: () => void calls.push('relaunch'), quit: () => void calls.push('quit') },
    schedule: (run, ms) => void scheduled.push({ run, ms }),
    log: { info: (message) => void calls.push(`log: ${message}`) },
  });
  return { calls, scheduled, restart };
}

describe('app restart', () => {
  it('relaunches then quits (the clean will-quit shutdown), once the answer had time to reach the window', () => {
    const { calls, scheduled, restart } = fakes();
    restart();
    expect(calls.filter((call) => !call.startsWith('log:'))).toEqual([]);
    expect(scheduled.map((entry) => entry.ms)).toEqual([RESTART_DELAY_MS]);
    scheduled[0]!.run();
    expect(calls.filter((call) => !call.startsWith('log:'))).toEqual(['relaunch', 'quit']);
  });

  it('restarts once when asked twice', () => {
    const { calls, scheduled, restart } = fakes();
    restart();
    restart();
    expect(scheduled).toHaveLength(1);
    scheduled[0]!.run();
    expect(calls.filter((call) => call === 'relaunch')).toHaveLength(1);
  });
});
