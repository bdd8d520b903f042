import type { Session, WebPreferences, WindowOpenHandlerResponse } from 'electron';
import type { OpenExternal } from '../core/ports';
import type { Logger } from '../core/ports';

/**
 * The renderer runs as an untrusted web page: isolated, sandboxed, without Node, and only
 * the preload's narrow bridge in between (Electron's security checklist).
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
  };
}

/** The WebContents events and handler the guard uses (a WebContents is one). */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (event: { url: string; preventDefault(): void }) => void): unknown;
  on(event: 'will-redirect', listener: (event: { url: string; preventDefault(): void }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenHandlerResponse): void;
}

/**
 * The app is a single page: it never navigates, never opens windows and never embeds
 * webviews. https links meant for the browser go through the guarded openExternal, which
 * opens only the URLs the app builds.
 */
export function hardenWebContents(
  contents: GuardedContents,
  openExternal: OpenExternal,
  log: Pick<Logger, 'warn'>,
): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    log.warn('Blocked a navigation', { url: event.url });
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
    log.warn('Blocked a redirect', { url: event.url });
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('Blocked a webview');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https:')) {
      openExternal(url).catch((error: unknown) => log.warn('Could not open a link in the browser', error));
    } else {
      log.warn('Blocked a new window', { url });
    }
    return { action: 'deny' };
  });
}

type PermissionSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

/** No web permission (camera, geolocation, notifications, clipboard read, …) is ever granted. */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** The one permission the window's page may use: writing text to the clipboard. */
const CLIPBOARD_WRITE = 'clipboard-sanitized-write';

/**
 * The window's session: every permission denied but clipboard-sanitized-write (what
 * Electron asks for navigator.clipboard.writeText, which Diagnostics' "Copy report" uses),
 * and that only for the app's own page (`appOrigin`, e.g. app://partner-desk). Reading the
 * clipboard stays denied.
 */
export function denyAllPermissionsButClipboardWrite(session: PermissionSession, appOrigin: string): void {
  const fromApp = (url: string) => url === appOrigin || url.startsWith(`${appOrigin}/`);
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permission === CLIPBOARD_WRITE && fromApp(details.requestingUrl)),
  );
  session.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin) => permission === CLIPBOARD_WRITE && fromApp(requestingOrigin),
  );
}
