import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL } from '../../main/electron/app-protocol';
import { focusWindow, MAX_CRASH_RELOADS, openMainWindow, type AppWindow } from '../../main/electron/main-window';
import {
  denyAllPermissions,
  denyAllPermissionsButClipboardWrite,
  hardenWebContents,
  secureWebPreferences,
} from '../../main/electron/window-security';
import { FakeWebContents, openDetails } from './fake-web-contents';
import { silentLog } from './silent-log';

class FakeWindow implements AppWindow {
  readonly webContents = new FakeWebContents(1);
  readonly loaded: string[] = [];
  readyListener: (() => void) | undefined;
  shown = 0;
  focused = 0;
  restored = 0;
  minimized = false;
  destroyed = false;

  constructor(readonly options: BrowserWindowConstructorOptions) {}
  once(_event: 'ready-to-show', listener: () => void) {
    this.readyListener = listener;
  }
  async loadURL(url: string) {
    this.loaded.push(url);
  }
  show() {
    this.shown++;
  }
  focus() {
    this.focused++;
  }
  restore() {
    this.restored++;
    this.minimized = false;
  }
  isMinimized() {
    return this.minimized;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

function open() {
  const openExternal = vi.fn(async (_url: string) => undefined);
  const window = openMainWindow({
    createWindow: (options) => new FakeWindow(options),
    preloadPath: '/app/out/preload/index.cjs',
    openExternal,
    log: silentLog(),
  });
  return { window, openExternal };
}

describe('main window', () => {
  it('sets every security flag of the renderer', () => {
    const { window } = open();
    expect(window.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    expect(secureWebPreferences('/p')).toEqual(expect.objectContaining({ sandbox: true, contextIsolation: true }));
  });

  it('enables no experimental or Blink feature', () => {
    const preferences = secureWebPreferences('/p');
    expect(preferences.experimentalFeatures).toBe(false);
    expect(preferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('loads the renderer from app:// and shows itself only when ready', () => {
    const { window } = open();
    expect(window.loaded).toEqual([APP_ENTRY_URL]);
    expect(window.options.show).toBe(false);
    expect(window.shown).toBe(0);
    window.readyListener?.();
    expect(window.shown).toBe(1);
  });

  it('blocks every navigation, redirect and webview', () => {
    const { window } = open();
    const contents = window.webContents;
    expect(contents.emitCancellable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.emitCancellable('will-navigate', 'app://partner-desk/other.html')).toBe(true);
    expect(contents.emitCancellable('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.emitCancellable('will-attach-webview', 'https://evil.example/')).toBe(true);
  });

  it('denies new windows; https links go to the guarded browser opener, others nowhere', () => {
    const { window, openExternal } = open();
    const handler = window.webContents.windowOpenHandler;
    expect(handler).toBeDefined();
    for (const url of [
      'https://support.google.com/x',
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://partner-desk/index.html',
    ]) {
      expect(handler?.(openDetails(url))).toEqual({ action: 'deny' });
    }
    expect(openExternal.mock.calls).toEqual([['https://support.google.com/x']]);
  });

  it('does not fail when the guarded opener refuses a link', async () => {
    const contents = new FakeWebContents(3);
    const log = silentLog();
    hardenWebContents(contents, async () => Promise.reject(new Error('refused')), log);
    expect(contents.windowOpenHandler?.(openDetails('https://x.example/'))).toEqual({ action: 'deny' });
    await vi.waitFor(() =>
      expect(log.warn).toHaveBeenCalledWith('Could not open a link in the browser', expect.any(Error)),
    );
  });

  it('reloads a crashed renderer, but not forever and not after a clean exit', () => {
    const { window } = open();
    window.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(window.webContents.reloads).toBe(0);
    for (let i = 0; i < MAX_CRASH_RELOADS + 2; i++) {
      window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    }
    expect(window.webContents.reloads).toBe(MAX_CRASH_RELOADS);
  });

  it('focuses a minimized window and ignores a destroyed one', () => {
    const { window } = open();
    window.minimized = true;
    focusWindow(window);
    expect([window.restored, window.shown, window.focused]).toEqual([1, 1, 1]);
    window.destroyed = true;
    focusWindow(window);
    expect(window.focused).toBe(1);
    focusWindow(null);
  });
});

describe('permissions', () => {
  it('denies every permission request and check', () => {
    let request: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: ((...args: unknown[]) => boolean) | undefined;
    denyAllPermissions({
      setPermissionRequestHandler: (handler) => {
        request = handler as typeof request;
      },
      setPermissionCheckHandler: (handler) => {
        check = handler as typeof check;
      },
    });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'unknown']) {
      const callback = vi.fn();
      request?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check?.(null, permission, 'app://partner-desk', {})).toBe(false);
    }
  });

  it("grants the window's page clipboard-sanitized-write only, and only from the app's own origin", () => {
    type Request = (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: unknown,
    ) => void;
    let request: Request | undefined;
    let check: ((contents: unknown, permission: string, origin: string, details: unknown) => boolean) | undefined;
    denyAllPermissionsButClipboardWrite(
      {
        setPermissionRequestHandler: (handler) => {
          request = handler as unknown as Request;
        },
        setPermissionCheckHandler: (handler) => {
          check = handler as unknown as typeof check;
        },
      },
      'app://partner-desk',
    );
    const asked = (permission: string, url: string) => {
      const callback = vi.fn();
      request?.({}, permission, callback, { requestingUrl: url, isMainFrame: true });
      expect(callback).toHaveBeenCalledTimes(1);
      return callback.mock.calls[0]?.[0] as boolean;
    };
    expect(asked('clipboard-sanitized-write', 'app://partner-desk/index.html')).toBe(true);
    expect(check?.(null, 'clipboard-sanitized-write', 'app://partner-desk', {})).toBe(true);
    for (const permission of [
      'clipboard-read',
      'deprecated-sync-clipboard-read',
      'media',
      'notifications',
      'unknown',
    ]) {
      expect(asked(permission, 'app://partner-desk/index.html'), permission).toBe(false);
      expect(check?.(null, permission, 'app://partner-desk', {}), permission).toBe(false);
    }
    for (const origin of ['https://evil.example', 'app://partner-desk.evil', 'app://partner-desktop', '']) {
      expect(asked('clipboard-sanitized-write', `${origin}/x`), origin).toBe(false);
      expect(check?.(null, 'clipboard-sanitized-write', origin, {}), origin).toBe(false);
    }
  });
});
