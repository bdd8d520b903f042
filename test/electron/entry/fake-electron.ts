import { EventEmitter } from 'node:events';
import { browserSignIn } from '../../core/helpers/browser-sign-in';
import { DEMO_USERS } from '../../../main/emulator';
import { RESULT_PREFIX, runEntryScenario } from './entry-scenario';
import { smokeState, type FakeContentsLike, type PermissionCheck } from './smoke-state';

/**
 * The parts of Electron's main-process API that main/index.ts and electron-store use, for
 * running the real entry point under plain Node (the Electron binary is not available).
 * Bundled in place of 'electron' by test/electron/main-entry.test.ts.
 */

class FakeApp extends EventEmitter {
  readonly isPackaged = false;
  requestSingleInstanceLock(): boolean {
    return process.env.PD_SMOKE_LOCK !== 'taken';
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  getPath(_name: string): string {
    const dir = process.env.PD_SMOKE_USER_DATA;
    if (!dir) throw new Error('PD_SMOKE_USER_DATA is not set');
    return dir;
  }
  getVersion(): string {
    return '0.1.0-smoke';
  }
  getLocale(): string {
    return 'fr-FR';
  }
  getSystemLocale(): string {
    return 'fr-FR';
  }
  quit(): void {
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit('will-quit', event);
    if (!event.defaultPrevented) process.exit(0);
  }
  exit(code: number): void {
    // A crash run has no scenario to report: what the crash guard did is its result.
    if (process.env.PD_SMOKE_CRASH) {
      console.log(
        RESULT_PREFIX + JSON.stringify({ errorBoxes: smokeState.errorBoxes, relaunches: smokeState.relaunches }),
      );
    }
    process.exit(code);
  }
  relaunch(): void {
    smokeState.relaunches += 1;
  }
  setAsDefaultProtocolClient(scheme: string): boolean {
    smokeState.protocolClients.push(scheme);
    return true;
  }
  setBadgeCount(count: number): boolean {
    smokeState.badgeCounts.push(count);
    return true;
  }
}
export const app = new FakeApp();

function fakeSession(onCheck: (check: PermissionCheck) => void) {
  return {
    fetch: (input: string | Request, init?: RequestInit) => fetch(input, init),
    clearStorageData: async () => undefined,
    clearCache: async () => undefined,
    clearAuthCache: async () => undefined,
    setPermissionRequestHandler: () => undefined,
    setPermissionCheckHandler: (check: PermissionCheck) => onCheck(check),
  };
}
const partitionSessions = new Map<string, ReturnType<typeof fakeSession>>();
export const session = {
  defaultSession: fakeSession((check) => (smokeState.defaultPermissionCheck = check)),
  fromPartition(partition: string) {
    let found = partitionSessions.get(partition);
    if (!found) {
      const record = { permissionCheck: undefined as PermissionCheck | undefined };
      smokeState.partitions.set(partition, record);
      found = fakeSession((check) => (record.permissionCheck = check));
      partitionSessions.set(partition, found);
    }
    return found;
  },
};

export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) => smokeState.privilegedSchemes.push(...schemes),
  handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
    smokeState.protocolHandlers.set(scheme, handler),
};

export const ipcMain = {
  handle: (channel: string, listener: (event: unknown, ...args: unknown[]) => Promise<unknown>) =>
    smokeState.invokeHandlers.set(channel, listener),
  removeHandler: (channel: string) => smokeState.invokeHandlers.delete(channel),
  // electron-store registers a sync channel for renderer-side stores; unused here.
  on: () => ipcMain,
};

class FakeWebContents extends EventEmitter implements FakeContentsLike {
  readonly id = 1;
  readonly mainFrame = { url: 'app://partner-desk/index.html', parent: null, processId: 1, routingId: 1 };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  send(_channel: string, eventChannel: string, payload: unknown) {
    smokeState.sentEvents.push(eventChannel);
    if (eventChannel === 'notification:open') smokeState.openedCases.push(payload);
  }
  isDestroyed() {
    return false;
  }
}

export class BrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  constructor(options: unknown) {
    super();
    smokeState.windowOptions.push(options);
  }
  async loadURL(url: string): Promise<void> {
    smokeState.loadedUrls.push(url);
    setImmediate(() => {
      this.emit('ready-to-show');
      if (process.env.PD_SMOKE_CRASH) {
        // A fault in main that nothing handles, once the app runs.
        setImmediate(() => {
          throw new Error('smoke crash');
        });
        return;
      }
      void runEntryScenario(this.webContents, app, () => app.quit());
    });
  }
  show() {}
  focus() {
    smokeState.windowFocus += 1;
  }
  restore() {}
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return false;
  }
}

export const Menu = {
  buildFromTemplate: (template: Array<{ label?: string }>) => ({ template }),
  setApplicationMenu: (menu: { template: Array<{ label?: string }> }) =>
    smokeState.menuLabels.push(...menu.template.map((item) => item.label ?? null)),
};

export const shell = {
  /** The system browser: signs in as the Northwind admin on the emulator's page. */
  async openExternal(url: string) {
    smokeState.opened.push(url);
    setImmediate(() => {
      browserSignIn(url, DEMO_USERS.alex).then(
        (landing) => smokeState.signInLandings.push(landing.status),
        () => smokeState.signInLandings.push(0),
      );
    });
  },
  openPath: async () => '',
};

export const dialog = {
  showErrorBox: (title: string, content: string) => smokeState.errorBoxes.push(`${title}: ${content}`),
};

/** Never shown: the entry test only sees that main hands the core a notifier. */
export class Notification extends EventEmitter {
  static isSupported(): boolean {
    smokeState.notificationsSupported += 1;
    return true;
  }
  static handleActivation(): void {}
  show() {}
}

/** Linux without a launcher badge (the test's desktop): the count goes to a tray icon. */
export class Tray extends EventEmitter {
  setToolTip(text: string) {
    smokeState.trayToolTips.push(text);
  }
  setContextMenu() {}
  destroy() {}
}

export const nativeImage = {
  createFromBitmap: (buffer: Buffer, size: { width: number; height: number }) => ({ buffer, size }),
};

export default { app, session, protocol, ipcMain, BrowserWindow, Menu, shell, dialog, Notification, Tray, nativeImage };

export const net = {
  isOnline: () => true,
};

/** Never suspends: the entry test only sees that main listens. */
export const powerMonitor = new EventEmitter();
