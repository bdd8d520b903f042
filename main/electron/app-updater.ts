import { CATALOGS } from '../../shared/i18n/catalogs';
import type { UiLanguage } from '../../shared/i18n/resolve-language';
import { fill } from '../core/notifications/notification-text';
import type { Logger } from '../core/ports';

/** Between two checks while the app runs: a release reaches a running app within half a working day. */
export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

/** The parts of electron-updater's autoUpdater this module uses (an AppUpdater is one). */
export interface FeedUpdater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  logger: { info(message?: unknown): void; warn(message?: unknown): void; error(message?: unknown): void } | null;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdates(): Promise<{ isUpdateAvailable: boolean; updateInfo: { version: string } } | null>;
  downloadUpdate(): Promise<unknown>;
}

export interface AppUpdaterDeps {
  isPackaged: boolean;
  /**
   * resources/app-update.yml, which electron-builder writes only when electron-builder.yml
   * names a `publish` feed (it says `publish: null`): the feed is part of the signed build,
   * never an environment variable or a setting something else on the machine could point
   * at another server. Read only for a packaged app.
   */
  feedConfigFile(): string;
  exists(path: string): boolean;
  /** electron-updater, loaded only when updates are on (it needs Electron's app at load time). */
  loadUpdater(): Promise<FeedUpdater>;
  /** An OS notification, when the system shows them. */
  notify(title: string, body: string): void;
  language(): UiLanguage;
  /** Runs `task` every `ms` until the returned function is called. */
  every(ms: number, task: () => void): () => void;
  log: Logger;
}

export type UpdaterState = 'development' | 'no-feed' | 'on';

export interface AppUpdaterHandle {
  readonly state: UpdaterState;
  /** Settles when the check under way (if any) has. */
  idle(): Promise<void>;
  dispose(): void;
}

/**
 * Updates, off until the build names a feed. When on: a check at start and every
 * UPDATE_CHECK_INTERVAL_MS, the download when there is a newer version, a notification in
 * the user's language, and the install when the user quits (electron-updater verifies the
 * download's signature on Windows and macOS). Failures are logged and retried at the next
 * check; nothing here can throw into main.
 */
export function startAppUpdater(deps: AppUpdaterDeps): AppUpdaterHandle {
  const off = (state: UpdaterState, why: string): AppUpdaterHandle => {
    deps.log.info(`Updates are off: ${why}`);
    return { state, idle: () => Promise.resolve(), dispose: () => undefined };
  };
  if (!deps.isPackaged) return off('development', 'a development run');
  const feedConfigFile = deps.feedConfigFile();
  if (!deps.exists(feedConfigFile))
    return off('no-feed', 'no update feed in this build (electron-builder.yml `publish`)');

  deps.log.info('Updates are on', { feed: feedConfigFile });
  let disposed = false;
  let stopTimer: (() => void) | undefined;
  let running: Promise<void> = Promise.resolve();
  let downloaded: string | undefined;

  const check = async (updater: FeedUpdater) => {
    try {
      const result = await updater.checkForUpdates();
      const version = result?.isUpdateAvailable ? result.updateInfo.version : undefined;
      if (!version || version === downloaded || disposed) return;
      await updater.downloadUpdate();
      downloaded = version;
      const text = CATALOGS[deps.language()].native.updater;
      deps.notify(text.readyTitle, fill(text.readyBody, { version }));
    } catch (error) {
      deps.log.warn('The update check failed; the next one will try again', error);
    }
  };

  running = deps
    .loadUpdater()
    .then((updater) => {
      if (disposed) return;
      updater.logger = {
        info: (message) => deps.log.info(`Updater: ${String(message)}`),
        warn: (message) => deps.log.warn(`Updater: ${String(message)}`),
        error: (message) => deps.log.error(`Updater: ${String(message)}`),
      };
      // Downloaded here, awaited and caught: electron-updater's own auto-download leaves a
      // promise nobody awaits, whose failure would reach main's crash guard.
      updater.autoDownload = false;
      updater.autoInstallOnAppQuit = true;
      // An EventEmitter's 'error' with no listener throws.
      updater.on('error', (error) => deps.log.warn('The updater reported an error', error));
      stopTimer = deps.every(UPDATE_CHECK_INTERVAL_MS, () => {
        // One check at a time: a slow download is not started twice.
        running = running.then(() => check(updater));
      });
      return check(updater);
    })
    .catch((error: unknown) => deps.log.warn('Could not load the updater; updates are off', error));

  return {
    state: 'on',
    idle: () => running,
    dispose() {
      disposed = true;
      stopTimer?.();
    },
  };
}
