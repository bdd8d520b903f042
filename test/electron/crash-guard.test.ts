import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CRASH_LOOP_LIMIT,
  CRASH_LOOP_WINDOW_MS,
  createCrashGuard,
  fileCrashHistory,
  type CrashHistory,
} from '../../main/electron/crash-guard';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import type { UiLanguage } from '../../shared/i18n/resolve-language';
import { silentLog } from './silent-log';

function memoryHistory(times: number[] = []): CrashHistory & { times: number[] } {
  const history = {
    times,
    read: () => [...history.times],
    write: (next: number[]) => {
      history.times = [...next];
    },
  };
  return history;
}

/** One app run: the guard with fakes for the dialog, the shutdown, relaunch and exit, in call order. */
function run(options: { now: number; history: CrashHistory; language?: UiLanguage; shutdown?: () => Promise<void> }) {
  const calls: string[] = [];
  const dialogs: Array<{ title: string; message: string }> = [];
  const log = silentLog();
  let exited: (code: number) => void = () => undefined;
  const exit = new Promise<number>((resolve) => (exited = resolve));
  const guard = createCrashGuard({
    log,
    now: () => options.now,
    history: options.history,
    language: () => options.language ?? 'en',
    showError: (title, message) => {
      calls.push('dialog');
      dialogs.push({ title, message });
    },
    shutdown:
      options.shutdown ??
      (async () => {
        calls.push('shutdown');
      }),
    relaunch: () => calls.push('relaunch'),
    exit: (code) => {
      calls.push(`exit ${code}`);
      exited(code);
    },
  });
  return { guard, calls, dialogs, log, exit };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the crash guard', () => {
  it('logs an uncaught exception, tells the user, shuts down, then restarts', async () => {
    const history = memoryHistory();
    const app = run({ now: 1_000_000, history });
    const error = new Error('boom');
    app.guard.crashed('exception', error);
    await app.exit;
    expect(app.log.error).toHaveBeenCalledWith('Uncaught exception', error);
    expect(app.dialogs).toEqual([{ title: en.native.crash.title, message: en.native.crash.restarting }]);
    // The relaunch is scheduled after the orderly stop; the new instance starts once this one exits.
    expect(app.calls).toEqual(['dialog', 'shutdown', 'relaunch', 'exit 1']);
    expect(history.times).toEqual([1_000_000]);
  });

  it('treats an unhandled rejection as a crash too, and speaks the user’s language', async () => {
    const app = run({ now: 5_000, history: memoryHistory(), language: 'fr' });
    app.guard.crashed('rejection', 'no reason');
    await app.exit;
    expect(app.log.error).toHaveBeenCalledWith('Unhandled promise rejection', 'no reason');
    expect(app.dialogs).toEqual([{ title: fr.native.crash.title, message: fr.native.crash.restarting }]);
    expect(app.calls).toEqual(['dialog', 'shutdown', 'relaunch', 'exit 1']);
  });

  it(`stops restarting at the ${CRASH_LOOP_LIMIT}rd crash within a minute: the dialog says so and the app quits`, async () => {
    const history = memoryHistory();
    const start = 10_000_000;
    const runs = [];
    for (let i = 0; i < CRASH_LOOP_LIMIT; i++) {
      const app = run({ now: start + i * 20_000, history });
      app.guard.crashed('exception', new Error(`crash ${i}`));
      await app.exit;
      runs.push(app);
    }
    for (const app of runs.slice(0, -1)) expect(app.calls).toContain('relaunch');
    const last = runs.at(-1)!;
    expect(last.dialogs).toEqual([{ title: en.native.crash.title, message: en.native.crash.stopped }]);
    expect(last.calls).toEqual(['dialog', 'shutdown', 'exit 1']);
  });

  it('forgets crashes older than the window: spaced-out crashes keep restarting', async () => {
    const history = memoryHistory();
    for (let i = 0; i < CRASH_LOOP_LIMIT + 2; i++) {
      const app = run({ now: 1_000_000 + i * (CRASH_LOOP_WINDOW_MS / 2 + 1), history });
      app.guard.crashed('exception', new Error(`crash ${i}`));
      await app.exit;
      expect(app.calls).toContain('relaunch');
    }
    // Never more than the limit's worth of times kept.
    expect(history.times.length).toBeLessThanOrEqual(CRASH_LOOP_LIMIT);
  });

  it('handles one crash once: a second failure while stopping is only logged', async () => {
    let finishShutdown: () => void = () => undefined;
    const app = run({
      now: 1,
      history: memoryHistory(),
      shutdown: () => new Promise<void>((resolve) => (finishShutdown = resolve)),
    });
    app.guard.crashed('exception', new Error('first'));
    const second = new Error('second, during shutdown');
    app.guard.crashed('exception', second);
    expect(app.log.error).toHaveBeenCalledWith('Uncaught exception', second);
    expect(app.dialogs).toHaveLength(1);
    expect(app.calls).toEqual(['dialog']);
    finishShutdown();
    await app.exit;
    expect(app.calls).toEqual(['dialog', 'relaunch', 'exit 1']);
  });

  it('still restarts when the shutdown fails, and still exits when the dialog cannot be shown', async () => {
    const failing = run({ now: 1, history: memoryHistory(), shutdown: () => Promise.reject(new Error('disk gone')) });
    failing.guard.crashed('exception', new Error('boom'));
    await failing.exit;
    expect(failing.log.error).toHaveBeenCalledWith('Shutdown after a crash failed', expect.any(Error));
    expect(failing.calls).toEqual(['dialog', 'relaunch', 'exit 1']);

    const log = silentLog();
    const exit = vi.fn();
    const guard = createCrashGuard({
      log,
      now: () => 1,
      history: memoryHistory(),
      language: () => 'en',
      showError: () => {
        throw new Error('no display');
      },
      shutdown: async () => undefined,
      relaunch: () => undefined,
      exit,
    });
    guard.crashed('exception', new Error('boom'));
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(1));
    expect(log.warn).toHaveBeenCalledWith('Could not show the crash dialog', expect.any(Error));
  });
});

describe('the crash history file', () => {
  function file(): string {
    const dir = mkdtempSync(join(tmpdir(), 'pd-crash-'));
    dirs.push(dir);
    return join(dir, 'nested', 'crash-history.json');
  }

  it('keeps the times across instances, as a new process would read them', () => {
    const path = file();
    fileCrashHistory(path).write([1, 2, 3]);
    expect(fileCrashHistory(path).read()).toEqual([1, 2, 3]);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual([1, 2, 3]);
  });

  it('reads a missing or damaged file as no crash', () => {
    const path = file();
    expect(fileCrashHistory(path).read()).toEqual([]);
    fileCrashHistory(path).write([]);
    writeFileSync(path, '{"not": "a list"');
    expect(fileCrashHistory(path).read()).toEqual([]);
    writeFileSync(path, '[1, "two", null, 3]');
    expect(fileCrashHistory(path).read()).toEqual([1, 3]);
  });
});
