import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CATALOGS } from '../../shared/i18n/catalogs';
import type { UiLanguage } from '../../shared/i18n/resolve-language';
import type { Logger } from '../core/ports';

/** This many crashes within CRASH_LOOP_WINDOW_MS is a loop: the app quits instead of restarting. */
export const CRASH_LOOP_LIMIT = 3;
export const CRASH_LOOP_WINDOW_MS = 60_000;

/**
 * When the last crashes happened. A loop spans processes (each crash restarts the app),
 * so the times outlive the process: a small file in the app's data folder.
 */
export interface CrashHistory {
  read(): number[];
  write(times: number[]): void;
}

/**
 * The history as a JSON array in `file`, read and written synchronously: the guard runs
 * in a process whose state is unknown, with nothing else to wait for. A missing or
 * damaged file reads as no crash.
 */
export function fileCrashHistory(file: string): CrashHistory {
  return {
    read() {
      try {
        const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
        return Array.isArray(parsed) ? parsed.filter((time): time is number => Number.isFinite(time)) : [];
      } catch {
        return [];
      }
    },
    write(times) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(times));
    },
  };
}

export interface CrashGuardDeps {
  log: Logger;
  now(): number;
  history: CrashHistory;
  /** The user's language (the setting, 'system' resolved) at the time of the crash. */
  language(): UiLanguage;
  /** A blocking native error box (dialog.showErrorBox: usable even before `ready`). */
  showError(title: string, message: string): void;
  /** The app's own orderly stop (IPC, timers, the core's caches, the emulator), bounded in time. */
  shutdown(): Promise<void>;
  /** app.relaunch: a new instance once this one has exited. */
  relaunch(): void;
  /** app.exit: ends the process without the quit events, so nothing can hold it open. */
  exit(code: number): void;
}

export type CrashKind = 'exception' | 'rejection';

export interface CrashGuard {
  /**
   * process 'uncaughtException' and 'unhandledRejection'. Both mean main is in a state no
   * code planned for: an unhandled rejection is Node's own fatal error since Node 15, and
   * lint (no-floating-promises) leaves none in the app's code by design, so one that gets
   * here is a bug as much as a throw is, not routine noise to log and run on with.
   */
  crashed(kind: CrashKind, error: unknown): void;
}

/**
 * Main's last resort: a failure nothing handled is logged, the user is told in their
 * language, the app stops in order and starts again. Crashing CRASH_LOOP_LIMIT times
 * within CRASH_LOOP_WINDOW_MS stops the restarts: the dialog says so and the app quits.
 * Drafts and the outbox are committed as the user works, so a restart loses nothing typed.
 */
export function createCrashGuard(deps: CrashGuardDeps): CrashGuard {
  let stopping = false;

  const recordCrash = (): number => {
    const now = deps.now();
    let recent = [now];
    try {
      recent = [...deps.history.read().filter((time) => time <= now && now - time < CRASH_LOOP_WINDOW_MS), now];
      deps.history.write(recent.slice(-CRASH_LOOP_LIMIT));
    } catch (error) {
      deps.log.warn('Could not record the crash time', error);
    }
    return recent.length;
  };

  return {
    crashed(kind, error) {
      deps.log.error(kind === 'exception' ? 'Uncaught exception' : 'Unhandled promise rejection', error);
      // A failure while already stopping (often the same fault again) is logged, nothing more.
      if (stopping) return;
      stopping = true;
      const loop = recordCrash() >= CRASH_LOOP_LIMIT;
      const text = CATALOGS[deps.language()].native.crash;
      try {
        deps.showError(text.title, loop ? text.stopped : text.restarting);
      } catch (dialogError) {
        deps.log.warn('Could not show the crash dialog', dialogError);
      }
      deps.log.info(loop ? 'Quitting after repeated crashes' : 'Restarting after a crash');
      void deps
        .shutdown()
        .catch((shutdownError: unknown) => deps.log.error('Shutdown after a crash failed', shutdownError))
        .finally(() => {
          try {
            if (!loop) deps.relaunch();
          } finally {
            deps.exit(1);
          }
        });
    },
  };
}
