import type { BrowserWindowConstructorOptions, RenderProcessGoneDetails } from 'electron';
import type { OpenExternal } from '../core/ports';
import { APP_ENTRY_URL } from './app-protocol';
import type { Logger } from '../core/ports';
import type { BridgeTarget } from './ipc-bridge';
import { hardenWebContents, secureWebPreferences, type GuardedContents } from './window-security';

/** The window's WebContents as the app uses it (a WebContents is one). */
export interface AppWebContents extends GuardedContents, BridgeTarget {
  on(event: 'will-navigate', listener: (event: { url: string; preventDefault(): void }) => void): unknown;
  on(event: 'will-redirect', listener: (event: { url: string; preventDefault(): void }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'render-process-gone', listener: (event: unknown, details: RenderProcessGoneDetails) => void): unknown;
  reload(): void;
}

/** A renderer that keeps crashing is left alone after this many reloads, rather than looping. */
export const MAX_CRASH_RELOADS = 3;

/** The parts of a BrowserWindow the app uses; a BrowserWindow is one. */
export interface AppWindow {
  readonly webContents: AppWebContents;
  once(event: 'ready-to-show', listener: () => void): unknown;
  loadURL(url: string): Promise<void>;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
}

export function mainWindowOptions(preloadPath: string, iconPath?: string): BrowserWindowConstructorOptions {
  return {
    title: 'Partner Desk',
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    // Shown on ready-to-show, so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#1f2430',
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: secureWebPreferences(preloadPath),
  };
}

export interface MainWindowDeps<W extends AppWindow> {
  createWindow(options: BrowserWindowConstructorOptions): W;
  preloadPath: string;
  iconPath?: string;
  openExternal: OpenExternal;
  log: Logger;
}

/** Creates the hardened window and loads the renderer from app://. */
export function openMainWindow<W extends AppWindow>(deps: MainWindowDeps<W>): W {
  const window = deps.createWindow(mainWindowOptions(deps.preloadPath, deps.iconPath));
  hardenWebContents(window.webContents, deps.openExternal, deps.log);
  let crashReloads = 0;
  window.webContents.on('render-process-gone', (_event, details) => {
    deps.log.error('The window renderer process is gone', details);
    // Drafts live in the core, so reloading loses nothing the user typed.
    if (details.reason !== 'clean-exit' && crashReloads < MAX_CRASH_RELOADS && !window.isDestroyed()) {
      crashReloads++;
      window.webContents.reload();
    }
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => deps.log.error('Could not load the window', error));
  return window;
}

/** Brings the window to the front, e.g. when a second instance starts or a notification is clicked. */
export function focusWindow(window: AppWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
