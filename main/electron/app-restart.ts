import type { App } from 'electron';
import type { Logger, RestartApp } from '../core/ports';

/**
 * How long the restart waits once asked: the invoke that asked gets its answer to the
 * window (which then says it restarts) before the window closes.
 */
export const RESTART_DELAY_MS = 300;

export interface AppRestartDeps {
  app: Pick<App, 'relaunch' | 'quit'>;
  /** setTimeout in the app. */
  schedule(run: () => void, ms: number): void;
  log: Pick<Logger, 'info'>;
}

/**
 * The core's restartApp: app.relaunch() then app.quit(), so the quit goes through the
 * usual will-quit shutdown (caches saved, emulator closed) and Electron starts the app
 * again once this process has exited (its single-instance lock released). Asked twice,
 * it restarts once.
 */
export function createAppRestart(deps: AppRestartDeps): RestartApp {
  let requested = false;
  return () => {
    if (requested) return;
    requested = true;
    deps.log.info('Restarting Partner Desk on its new backend');
    deps.schedule(() => {
      deps.app.relaunch();
      deps.app.quit();
    }, RESTART_DELAY_MS);
  };
}
