import { EventEmitter } from 'node:events';
import type { AppUpdater } from 'electron-updater';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import {
  startAppUpdater,
  UPDATE_CHECK_INTERVAL_MS,
  type AppUpdaterDeps,
  type FeedUpdater,
} from '../../main/electron/app-updater';
import { fill } from '../../main/core/notifications/notification-text';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { silentLog } from './silent-log';

/** electron-updater's autoUpdater as the module uses it: a feed that answers `latest`, downloads that succeed unless told. */
class FakeUpdater extends EventEmitter implements FeedUpdater {
  autoDownload = true;
  autoInstallOnAppQuit = false;
  logger: FeedUpdater['logger'] = null;
  latest: string | null = null;
  failCheck: Error | null = null;
  failDownload: Error | null = null;
  checks = 0;
  downloads = 0;
  async checkForUpdates() {
    this.checks += 1;
    if (this.failCheck) {
      this.emit('error', this.failCheck);
      throw this.failCheck;
    }
    return this.latest ? { isUpdateAvailable: true, updateInfo: { version: this.latest } } : null;
  }
  async downloadUpdate() {
    this.downloads += 1;
    if (this.failDownload) throw this.failDownload;
    return ['/tmp/update'];
  }
}

function setup(overrides: Partial<AppUpdaterDeps> = {}) {
  const updater = new FakeUpdater();
  const timers: Array<{ ms: number; task: () => void; stopped: boolean }> = [];
  const notifications: Array<{ title: string; body: string }> = [];
  const deps: AppUpdaterDeps = {
    isPackaged: true,
    feedConfigFile: () => '/opt/Partner Desk/resources/app-update.yml',
    exists: (path) => path === '/opt/Partner Desk/resources/app-update.yml',
    loadUpdater: vi.fn(async () => updater),
    notify: (title, body) => notifications.push({ title, body }),
    language: () => 'en',
    every: (ms, task) => {
      const timer = { ms, task, stopped: false };
      timers.push(timer);
      return () => (timer.stopped = true);
    },
    log: silentLog(),
    ...overrides,
  };
  return { updater, timers, notifications, deps };
}

describe('the app updater', () => {
  it('does nothing in a development run, and says so once', async () => {
    const { deps } = setup({ isPackaged: false, feedConfigFile: () => expect.unreachable('no resources path') });
    const handle = startAppUpdater(deps);
    await handle.idle();
    expect(handle.state).toBe('development');
    expect(deps.loadUpdater).not.toHaveBeenCalled();
    expect(deps.log.info).toHaveBeenCalledTimes(1);
    expect(deps.log.info).toHaveBeenCalledWith('Updates are off: a development run');
  });

  it('does nothing when the build names no feed (publish: null), and says so once', async () => {
    const { deps, timers } = setup({ exists: () => false });
    const handle = startAppUpdater(deps);
    await handle.idle();
    expect(handle.state).toBe('no-feed');
    expect(deps.loadUpdater).not.toHaveBeenCalled();
    expect(timers).toEqual([]);
    expect(deps.log.info).toHaveBeenCalledTimes(1);
    expect(vi.mocked(deps.log.info).mock.calls[0]?.[0]).toMatch(/^Updates are off: no update feed/);
  });

  it('with a feed: checks at start, downloads a newer version itself, tells the user in their language', async () => {
    const { deps, updater, notifications, timers } = setup({ language: () => 'fr' });
    updater.latest = '0.2.0';
    const handle = startAppUpdater(deps);
    await handle.idle();
    expect(handle.state).toBe('on');
    expect(updater.checks).toBe(1);
    expect(updater.downloads).toBe(1);
    // Its own auto-download would leave an unawaited promise; the install happens on quit.
    expect(updater.autoDownload).toBe(false);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(updater.listenerCount('error')).toBe(1);
    expect(updater.logger).not.toBeNull();
    expect(notifications).toEqual([
      { title: fr.native.updater.readyTitle, body: fill(fr.native.updater.readyBody, { version: '0.2.0' }) },
    ]);
    expect(timers.map((timer) => timer.ms)).toEqual([UPDATE_CHECK_INTERVAL_MS]);
  });

  it('checks again on the interval, downloads a version once, and stops when disposed', async () => {
    const { deps, updater, notifications, timers } = setup();
    const handle = startAppUpdater(deps);
    await handle.idle();
    expect(updater.downloads).toBe(0);
    updater.latest = '0.3.0';
    timers[0]!.task();
    await handle.idle();
    timers[0]!.task();
    await handle.idle();
    expect(updater.checks).toBe(3);
    expect(updater.downloads).toBe(1);
    expect(notifications).toEqual([{ title: en.native.updater.readyTitle, body: expect.stringContaining('0.3.0') }]);
    handle.dispose();
    expect(timers[0]!.stopped).toBe(true);
  });

  it('logs a failed check or download and tries again at the next check, never throwing', async () => {
    const { deps, updater, notifications, timers } = setup();
    updater.failCheck = new Error('feed unreachable');
    const handle = startAppUpdater(deps);
    await handle.idle();
    expect(deps.log.warn).toHaveBeenCalledWith('The updater reported an error', updater.failCheck);
    expect(deps.log.warn).toHaveBeenCalledWith(
      'The update check failed; the next one will try again',
      updater.failCheck,
    );

    updater.failCheck = null;
    updater.latest = '0.4.0';
    updater.failDownload = new Error('connection reset');
    timers[0]!.task();
    await handle.idle();
    expect(notifications).toEqual([]);
    updater.failDownload = null;
    timers[0]!.task();
    await handle.idle();
    expect(updater.downloads).toBe(2);
    expect(notifications).toHaveLength(1);
  });

  it('logs an updater that cannot load, and stays off', async () => {
    const { deps, timers } = setup({ loadUpdater: () => Promise.reject(new Error('Cannot find module')) });
    const handle = startAppUpdater(deps);
    await handle.idle();
    expect(deps.log.warn).toHaveBeenCalledWith('Could not load the updater; updates are off', expect.any(Error));
    expect(timers).toEqual([]);
  });

  it('takes electron-updater’s real autoUpdater, as main hands it over (checked by the type checker)', () => {
    expectTypeOf<AppUpdater>().toExtend<FeedUpdater>();
  });
});
