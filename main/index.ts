import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
} from 'electron';
import ElectronStore from 'electron-store';
import { createAppCore, type AppCore } from './core/app-core';
import { GOOGLE_ENDPOINTS, type ApiEndpoints } from './google-wire/google-types';
import { NodeFileAccess } from './core/api/node-file-access';
import { createInvokeDispatcher } from './core/ipc/invoke-dispatcher';
import { systemClock, type OpenExternal } from './core/ports';
import { DEMO_OAUTH_CLIENT_ID, startEmulator, type RunningEmulator } from './emulator';
import { appMenuTemplate } from './electron/app-menu';
import { createAppBadge, linuxDesktopShowsBadges, overlayDotBitmap, type AppBadge } from './electron/app-badge';
import { APP_USER_MODEL_ID, OPEN_LINK_SCHEME, TOAST_ACTIVATOR_CLSID } from './electron/app-identity';
import { findOpenCaseLink, parseOpenCaseLink } from './electron/open-case-links';
import { createOsNotifier, type OsNotifier } from './electron/os-notifier';
import { APP_HOST, APP_SCHEME, registerAppScheme, serveRenderer } from './electron/app-protocol';
import { chooseBackend } from './electron/backend-choice';
import { createAppRestart } from './electron/app-restart';
import { OAuthClientSettings } from './core/settings/oauth-client-settings';
import { createDomainPartitions } from './electron/domain-partitions';
import { createFileDialogs } from './electron/file-dialogs';
import { openKeyValueStore } from './electron/electron-kv-store';
import { registerIpcBridge, type IpcBridge } from './electron/ipc-bridge';
import { createBasicTextConsent } from './electron/secret-stores/basic-text-consent';
import { loadKeytar } from './electron/secret-stores/keytar-secret-store';
import { SECRETS_FILE_NAME } from './electron/secret-stores/safe-storage-secret-store';
import { createSecretStore } from './electron/secret-stores/secret-store-chooser';
import { createElectronNetworkSignals } from './electron/network-signals';
import { createFileLogger } from './electron/logger';
import { createCrashGuard, fileCrashHistory } from './electron/crash-guard';
import { startAppUpdater, type AppUpdaterHandle } from './electron/app-updater';
import { focusWindow, openMainWindow } from './electron/main-window';
import { sqliteBindingFor } from './electron/native-modules';
import { createOpenExternalGuard } from './electron/open-external-guard';
import { denyAllPermissionsButClipboardWrite } from './electron/window-security';
import { CATALOGS } from '../shared/i18n/catalogs';
import { resolveLanguage, type UiLanguage } from '../shared/i18n/resolve-language';
import type { Account } from '../shared/model/account';
import type { Settings } from '../shared/model/settings';

// Bundled as out/main/index.cjs, next to out/preload and out/renderer.
const PRELOAD_PATH = join(__dirname, '../preload/index.cjs');
const RENDERER_DIR = join(__dirname, '../renderer');
const ICON_PATH = join(__dirname, '../icon.png');
/** Quitting never waits longer than this for the core to save its caches. */
const SHUTDOWN_TIMEOUT_MS = 5000;

const log = createFileLogger(join(app.getPath('userData'), 'logs', 'main.log'));
/** Main's own text (menu, native dialogs) follows the app's language setting; English until it is read. */
let language: UiLanguage = 'en';
// Whatever nothing handled: logged, a dialog, an orderly stop and a restart (quit after a crash loop).
const crashGuard = createCrashGuard({
  log,
  now: Date.now,
  history: fileCrashHistory(join(app.getPath('userData'), 'logs', 'crash-history.json')),
  language: () => language,
  showError: (title, message) => dialog.showErrorBox(title, message),
  shutdown,
  relaunch: () => app.relaunch(),
  exit: (code) => app.exit(code),
});
process.on('uncaughtException', (error) => crashGuard.crashed('exception', error));
process.on('unhandledRejection', (reason) => crashGuard.crashed('rejection', reason));

// Must happen before `ready`: app:// gets a real, secure origin of its own.
registerAppScheme(protocol);

// Windows routes toasts and their clicks by the AppUserModelID (the installer's appId) and,
// from the Action Center after a restart, by a fixed toast activator: set both before any toast.
if (process.platform === 'win32') {
  app.setAppUserModelId(APP_USER_MODEL_ID);
  try {
    app.setToastActivatorCLSID(TOAST_ACTIVATOR_CLSID);
  } catch (error) {
    log.warn('Could not set the toast activator', error);
  }
}

let mainWindow: BrowserWindow | null = null;
let core: AppCore | null = null;
let bridge: IpcBridge | null = null;
let emulator: RunningEmulator | null = null;
let guardedOpenExternal: OpenExternal | null = null;
let networkSignals: ReturnType<typeof createElectronNetworkSignals> | null = null;
let notifier: OsNotifier | null = null;
let badge: AppBadge | null = null;
let updater: AppUpdaterHandle | null = null;
/** The domains signed in, as accounts:changed last said: the only ones a partnerdesk:// link may open. */
let signedInDomains: string[] = [];
/** A partnerdesk:// link that came before the window could act on it (the click that started the app). */
let pendingLink: string | undefined;
let windowReady = false;

/**
 * A notification click that came back as a link (a Windows toast, macOS open-url, a second
 * instance): the notification's own click when it is still held, otherwise the window
 * comes forward and the core opens the domain's tab and case.
 */
function openLink(url: string): void {
  if (!core || !windowReady) {
    pendingLink = url;
    return;
  }
  const link = parseOpenCaseLink(url, signedInDomains);
  if (!link) {
    log.warn('Ignored a partnerdesk:// link that names no signed-in domain, or is malformed');
    return;
  }
  if (link.notificationId && notifier?.activate(link.notificationId)) return;
  focusWindow(mainWindow);
  core.openCase(link.domain, link.name);
}

/**
 * Registers partnerdesk:// with the OS, so a toast clicked after the app quit starts it
 * with the link. Only the installed app: a development run would claim the scheme for the
 * bare Electron binary.
 */
function registerOpenLinks(): boolean {
  if (!app.isPackaged) return false;
  try {
    return app.setAsDefaultProtocolClient(OPEN_LINK_SCHEME);
  } catch (error) {
    log.warn('Could not register the partnerdesk:// links', error);
    return false;
  }
}

async function startApp(): Promise<void> {
  // The OS's language until the settings are read: a failure to start is told in it too.
  language = resolveLanguage('system', app.getSystemLocale());
  const isDev = !app.isPackaged;
  denyAllPermissionsButClipboardWrite(session.defaultSession, `${APP_SCHEME}://${APP_HOST}`);
  serveRenderer(protocol, RENDERER_DIR);

  const userData = app.getPath('userData');
  const store = openKeyValueStore((options) => new ElectronStore(options), userData, log);
  // The OS keychain, else safeStorage's encrypted file (basic_text only if the user agrees), else memory.
  const secrets = createSecretStore({
    loadKeytar,
    safeStorage,
    platform: process.platform,
    file: join(userData, SECRETS_FILE_NAME),
    settings: store,
    askBasicText: createBasicTextConsent({
      dialog,
      parent: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null),
      text: () => CATALOGS[language].native.secrets,
    }),
    log,
  });
  const choice = await chooseBackend(process.env, new OAuthClientSettings({ store, secrets, log }));
  let endpoints: ApiEndpoints;
  let oauth: { oauthClientId: string; oauthClientSecret?: string };
  if (choice.kind === 'demo') {
    // Demo mode: the bundled emulator on 127.0.0.1, without its test control surface.
    emulator = await startEmulator({ dataset: 'demo', control: false, log: (line) => log.info(line) });
    endpoints = emulator.endpoints;
    oauth = { oauthClientId: DEMO_OAUTH_CLIENT_ID };
  } else {
    endpoints = GOOGLE_ENDPOINTS;
    oauth = {
      oauthClientId: choice.oauthClientId,
      ...(choice.oauthClientSecret ? { oauthClientSecret: choice.oauthClientSecret } : {}),
    };
  }
  log.info('Partner Desk starting', {
    version: app.getVersion(),
    backend: choice.kind,
    oauthClientFrom: choice.source,
    packaged: app.isPackaged,
  });

  const openExternal = createOpenExternalGuard({
    openExternal: (url) => shell.openExternal(url),
    authorizeEndpoint: endpoints.authorize,
    log,
  });
  guardedOpenExternal = openExternal;
  const domainPartitions = createDomainPartitions({ fromPartition: (partition) => session.fromPartition(partition) });
  networkSignals = createElectronNetworkSignals({ net, powerMonitor, clock: systemClock });
  const osNotifier = createOsNotifier({
    createNotification: (options) => new Notification(options),
    window: () => mainWindow,
    platform: process.platform,
    protocolLaunch: registerOpenLinks(),
    iconPath: ICON_PATH,
    log,
  });
  notifier = osNotifier;

  const appCore = createAppCore({
    backend: { kind: choice.kind, source: choice.source, endpoints, ...oauth },
    ports: {
      fetchForDomain: (domain) => domainPartitions.fetchForDomain(domain),
      clearDomainData: (domain) => domainPartitions.clearDomainData(domain),
      secrets,
      store,
      clock: systemClock,
      openExternal,
      files: new NodeFileAccess(),
      dialogs: createFileDialogs({
        dialog,
        parent: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null),
        downloadsDir: () => app.getPath('downloads'),
        text: () => CATALOGS[language].native.dialogs,
      }),
      network: networkSignals,
      // Nothing to show on a system without notifications (a Linux without a notification server).
      ...(Notification.isSupported() ? { notifier: osNotifier } : {}),
      restartApp: createAppRestart({ app, schedule: (run, ms) => setTimeout(run, ms), log }),
    },
    dataDir: join(userData, 'data'),
    sqliteBinding: sqliteBindingFor(__dirname, app.isPackaged),
    appInfo: { version: app.getVersion(), systemLocale: app.getSystemLocale(), platform: process.platform },
    log,
  });
  core = appCore;

  bridge = registerIpcBridge({
    ipcMain,
    dispatch: createInvokeDispatcher(appCore.handlers, log),
    target: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null),
    log,
    validateEvents: isDev,
  });
  appCore.onEvent(bridge.sendEvent);

  const applyLanguage = (settings: Settings) => {
    language = resolveLanguage(settings.language, app.getSystemLocale());
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        appMenuTemplate({
          language,
          platform: process.platform,
          isDev,
          openExternal: (url) =>
            void openExternal(url).catch((error: unknown) => log.warn('Could not open help', error)),
          showLogs: () => void shell.openPath(join(userData, 'logs')),
        }),
      ),
    );
  };
  const appBadge = createAppBadge({
    platform: process.platform,
    app,
    launcherBadge: linuxDesktopShowsBadges(process.env),
    window: () => mainWindow,
    overlayIcon: () => nativeImage.createFromBitmap(overlayDotBitmap(), { width: 16, height: 16 }),
    createTray: () => new Tray(ICON_PATH),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    language: () => language,
    onOpen: () => (mainWindow ? focusWindow(mainWindow) : createWindow(openExternal)),
    onQuit: () => app.quit(),
    log,
  });
  badge = appBadge;
  const applyAccounts = (accounts: Account[]) => {
    signedInDomains = accounts.map((account) => account.domain);
    appBadge.show(accounts);
  };
  appCore.onEvent((channel, payload) => {
    if (channel === 'settings:changed') {
      applyLanguage(payload as Settings);
      appBadge.refresh();
    }
    if (channel === 'accounts:changed') applyAccounts((payload as { accounts: Account[] }).accounts);
  });
  applyLanguage(await appCore.handlers['settings:get']({}));

  await appCore.start().catch((error: unknown) => log.error('Restoring the signed-in domains failed', error));
  applyAccounts(await appCore.handlers['accounts:list']({}));
  createWindow(openExternal);
  // Windows: a toast clicked after its notification was released, or that started the app.
  if (process.platform === 'win32') Notification.handleActivation((details) => openLink(details.arguments));
  updater = startAppUpdater({
    isPackaged: app.isPackaged,
    feedConfigFile: () => join(process.resourcesPath, 'app-update.yml'),
    exists: existsSync,
    loadUpdater: async () => (await import('electron-updater')).autoUpdater,
    notify: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
    language: () => language,
    every: (ms, task) => {
      const timer = setInterval(task, ms);
      timer.unref();
      return () => clearInterval(timer);
    },
    log,
  });
}

function createWindow(openExternal: OpenExternal): void {
  mainWindow = openMainWindow({
    createWindow: (options) => new BrowserWindow(options),
    preloadPath: PRELOAD_PATH,
    iconPath: ICON_PATH,
    openExternal,
    log,
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
    windowReady = false;
  });
  // Shown means the renderer listens: a link that started the app can open its case now.
  mainWindow.once('ready-to-show', () => {
    windowReady = true;
    badge?.refresh();
    const link = pendingLink;
    pendingLink = undefined;
    if (link) openLink(link);
  });
}

function withTimeout(work: Promise<unknown>, ms: number): Promise<unknown> {
  return Promise.race([work, new Promise((resolve) => setTimeout(resolve, ms).unref())]);
}

async function shutdown(): Promise<void> {
  bridge?.dispose();
  bridge = null;
  networkSignals?.dispose();
  networkSignals = null;
  badge?.dispose();
  badge = null;
  updater?.dispose();
  updater = null;
  const stopping = (async () => {
    await core?.dispose();
    await emulator?.close();
  })();
  await withTimeout(
    stopping.catch((error: unknown) => log.error('Shutdown failed', error)),
    SHUTDOWN_TIMEOUT_MS,
  );
}

if (!app.requestSingleInstanceLock()) {
  // Another Partner Desk is running: it gets focused (second-instance below), this one leaves.
  app.quit();
} else {
  pendingLink = findOpenCaseLink(process.argv);
  app.on('second-instance', (_event, argv) => {
    focusWindow(mainWindow);
    const link = findOpenCaseLink(argv);
    if (link) openLink(link);
  });
  // macOS hands links over as events, possibly before `ready`.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openLink(url);
  });

  app
    .whenReady()
    .then(startApp)
    .catch((error: unknown) => {
      log.error('Partner Desk could not start', error);
      const text = CATALOGS[language].native.crash;
      const cause = error instanceof Error ? error.message : String(error);
      dialog.showErrorBox(text.title, text.startFailed.replace('{{cause}}', cause));
      app.exit(1);
    });

  // macOS: clicking the dock icon with no window open brings one back.
  app.on('activate', () => {
    if (!mainWindow && guardedOpenExternal) createWindow(guardedOpenExternal);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    void shutdown().finally(() => {
      stopped = true;
      app.quit();
    });
  });
}
