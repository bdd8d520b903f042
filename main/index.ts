import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, powerMonitor, protocol, session, shell } from 'electron';
import ElectronStore from 'electron-store';
import { createAppCore, type AppCore } from './core/app-core';
import { GOOGLE_ENDPOINTS, type ApiEndpoints } from './google-wire/google-types';
import { NodeFileAccess } from './core/api/node-file-access';
import { createInvokeDispatcher } from './core/ipc/invoke-dispatcher';
import { systemClock, type OpenExternal } from './core/ports';
import { DEMO_OAUTH_CLIENT_ID, startEmulator, type RunningEmulator } from './emulator';
import { appMenuTemplate } from './electron/app-menu';
import { registerAppScheme, serveRenderer } from './electron/app-protocol';
import { chooseBackend } from './electron/backend-choice';
import { createDomainPartitions } from './electron/domain-partitions';
import { createFileDialogs } from './electron/file-dialogs';
import { openKeyValueStore } from './electron/electron-kv-store';
import { registerIpcBridge, type IpcBridge } from './electron/ipc-bridge';
import { createKeychainSecretStore } from './electron/keychain-secret-store';
import { createElectronNetworkSignals } from './electron/network-signals';
import { createFileLogger } from './electron/logger';
import { focusWindow, openMainWindow } from './electron/main-window';
import { sqliteBindingFor } from './electron/native-modules';
import { createOpenExternalGuard } from './electron/open-external-guard';
import { denyAllPermissions } from './electron/window-security';
import { CATALOGS } from '../shared/i18n/catalogs';
import { resolveLanguage, type UiLanguage } from '../shared/i18n/resolve-language';
import type { Settings } from '../shared/model/settings';

// Bundled as out/main/index.cjs, next to out/preload and out/renderer.
const PRELOAD_PATH = join(__dirname, '../preload/index.cjs');
const RENDERER_DIR = join(__dirname, '../renderer');
const ICON_PATH = join(__dirname, '../icon.png');
/** Quitting never waits longer than this for the core to save its caches. */
const SHUTDOWN_TIMEOUT_MS = 5000;

const log = createFileLogger(join(app.getPath('userData'), 'logs', 'main.log'));
process.on('uncaughtException', (error) => log.error('Uncaught exception', error));
process.on('unhandledRejection', (reason) => log.error('Unhandled promise rejection', reason));

// Must happen before `ready`: app:// gets a real, secure origin of its own.
registerAppScheme(protocol);

let mainWindow: BrowserWindow | null = null;
let core: AppCore | null = null;
let bridge: IpcBridge | null = null;
let emulator: RunningEmulator | null = null;
let guardedOpenExternal: OpenExternal | null = null;
let networkSignals: ReturnType<typeof createElectronNetworkSignals> | null = null;

async function startApp(): Promise<void> {
  const isDev = !app.isPackaged;
  denyAllPermissions(session.defaultSession);
  serveRenderer(protocol, RENDERER_DIR);

  const userData = app.getPath('userData');
  const store = openKeyValueStore((options) => new ElectronStore(options), userData, log);
  const choice = chooseBackend(process.env, store);
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
  log.info('Partner Desk starting', { version: app.getVersion(), backend: choice.kind, packaged: app.isPackaged });

  const openExternal = createOpenExternalGuard({
    openExternal: (url) => shell.openExternal(url),
    authorizeEndpoint: endpoints.authorize,
    log,
  });
  guardedOpenExternal = openExternal;
  // Main's own text (menu, native dialogs) follows the app's language setting.
  let language: UiLanguage = resolveLanguage('system', app.getSystemLocale());
  const domainPartitions = createDomainPartitions({ fromPartition: (partition) => session.fromPartition(partition) });
  networkSignals = createElectronNetworkSignals({ net, powerMonitor, clock: systemClock });

  const appCore = createAppCore({
    backend: { kind: choice.kind, endpoints, ...oauth },
    ports: {
      fetchForDomain: (domain) => domainPartitions.fetchForDomain(domain),
      clearDomainData: (domain) => domainPartitions.clearDomainData(domain),
      secrets: createKeychainSecretStore(),
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
  appCore.onEvent((channel, payload) => {
    if (channel === 'settings:changed') applyLanguage(payload as Settings);
  });
  applyLanguage(await appCore.handlers['settings:get']({}));

  await appCore.start().catch((error: unknown) => log.error('Restoring the signed-in domains failed', error));
  createWindow(openExternal);
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
  app.on('second-instance', () => focusWindow(mainWindow));

  app
    .whenReady()
    .then(startApp)
    .catch((error: unknown) => {
      log.error('Partner Desk could not start', error);
      dialog.showErrorBox('Partner Desk could not start', error instanceof Error ? error.message : String(error));
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
