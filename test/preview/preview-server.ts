import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppCore, type AppCore, type AppCoreOptions } from '../../main/core/app-core';
import type { Logger } from '../../main/core/ports';
import { CONTENT_SECURITY_POLICY } from '../../main/electron/content-security-policy';
import { NodeFileAccess } from '../../main/core/api/node-file-access';
import { createInvokeDispatcher } from '../../main/core/ipc/invoke-dispatcher';
import { DEFAULT_MAX_ATTACHMENT_BYTES } from '../../main/core/files/staged-files';
import { systemClock, type FileDialogs } from '../../main/core/ports';
import { DEMO_OAUTH_CLIENT_ID, startEmulator } from '../../main/emulator';
import { attachBridgeSocket, type BridgeSocket } from './bridge-socket-server';
import { bundleBrowserBridge } from './bridge-bundle';
import { openJsonFileStore } from './json-file-store';
import { MemorySecretStore } from '../core/helpers/memory-stores';
import { DomainLinks } from '../helpers/domain-links';
import { SimulatedNetworkSignals } from '../helpers/simulated-network-signals';
import type { NetworkSignal } from '../../main/core/ports';
import { createRendererFileServer } from './renderer-file-server';
import { createPreviewNotifier, type PreviewNotifier } from './preview-notifier';

type EmulatorOptions = NonNullable<Parameters<typeof startEmulator>[0]>;
type Emulator = Awaited<ReturnType<typeof startEmulator>>;

export interface PreviewOptions {
  /** The emulator's data set (default: the demo data). */
  dataset?: EmulatorOptions['dataset'];
  /** Port of the preview page; default an ephemeral one. */
  port?: number;
  /** Where the core keeps its cache and settings; default a temp dir removed on close. */
  dataDir?: string;
  /** Passed to startEmulator as is (rate limit, indexing delay, test control...). */
  emulatorOptions?: Omit<EmulatorOptions, 'dataset'>;
  /** Built renderer to serve; default out/renderer (npm run build). */
  rendererDir?: string;
  /** Where log lines go; default stdout. */
  log?: (line: string) => void;
  /**
   * The native open and save dialogs, as a test scripts them (e.g. ScriptedFileDialogs).
   * Default: the open dialog picks nothing (drop files on the page instead) and the save
   * dialog saves into <dataDir>/downloads, each logged.
   */
  fileDialogs?: FileDialogs;
  /** Largest attachment the core stages and a page may drop; default Google's 50 MiB. */
  maxAttachmentBytes?: number;
  /** The core's tuning (e.g. a sync every second, so an e2e sees Google's answer at once); default the app's. */
  tuning?: Omit<NonNullable<AppCoreOptions['tuning']>, 'maxAttachmentBytes'>;
}

export interface Preview {
  /** The page to open, with the random token: http://127.0.0.1:PORT/?token=… */
  url: string;
  /** Origin of the preview page (no token). */
  origin: string;
  token: string;
  emulator: Emulator;
  /** The core now running (a new one after restartCore). */
  readonly core: AppCore;
  /** What a test (or a human at the REPL) does to the network the core sees. */
  network: {
    /** Every request of `domain` fails as a refused connection; the other domains are untouched. */
    cutOff(domain: string): void;
    restore(domain: string): void;
    /** Says what the OS would: 'offline', 'online', 'suspend', 'resume', 'lock', 'unlock'. */
    say(signal: NetworkSignal): void;
  };
  /**
   * How many times the core asked for Partner Desk to restart (the Google connection
   * settings changed). The preview only counts and logs them: it stays on the emulator.
   */
  readonly restartRequests: number;
  /** The core's Notifier: each notification shows as an in-page toast (data-testid="preview-toast"). */
  notifications: PreviewNotifier;
  /** The core goes away as a crashed main would: the page's socket closes and cannot reconnect. */
  loseCore(): Promise<void>;
  /**
   * Main crashed and the app started again: the pages lose their connection, the core is
   * disposed and a new one starts on the same data folder, settings and keychain (the
   * emulator, standing for Google, runs on). A page reloaded afterwards talks to the new core.
   */
  restartCore(): Promise<void>;
  close(): Promise<void>;
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The browser preview (dev and tests only, never packaged): the emulator, the real app
 * core on top of it, and the built renderer served on 127.0.0.1 with the core behind a
 * token-guarded WebSocket that speaks the IPC contract. What Electron's main process and
 * preload do, minus Electron.
 */
export async function startPreview(options: PreviewOptions = {}): Promise<Preview> {
  const log = options.log ?? ((line: string) => console.log(line));
  const rendererDir = options.rendererDir ?? join(repoRoot, 'out/renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer in ${rendererDir}: run \`npm run build\` (node build/bundle.mjs) first`);
  }
  const token = randomBytes(24).toString('base64url');
  const maxAttachmentBytes = options.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES;
  const ownDataDir = options.dataDir ? null : mkdtempSync(join(tmpdir(), 'partner-desk-preview-'));
  const dataDir = options.dataDir ?? ownDataDir!;
  const cleanups: Array<() => Promise<void> | void> = [];
  if (ownDataDir) cleanups.push(() => rmSync(ownDataDir, { recursive: true, force: true }));

  try {
    const bridgeScript = await bundleBrowserBridge();
    const emulator = await startEmulator({ ...options.emulatorOptions, dataset: options.dataset });
    cleanups.push(() => emulator.close());

    const links = await DomainLinks.create();
    const os = new SimulatedNetworkSignals();
    let origins: string[] = [];
    const server: Server = createServer();
    // Late-bound: the socket needs the core's handlers, the core needs openExternal.
    const socketRef: { current?: BridgeSocket } = {};

    const secrets = new MemorySecretStore();
    let restartRequests = 0;
    const notifications = createPreviewNotifier((frame) => socketRef.current?.broadcast(frame));
    const createCore = () =>
      createAppCore({
        backend: { kind: 'demo', endpoints: emulator.endpoints, oauthClientId: DEMO_OAUTH_CLIENT_ID },
        ports: {
          // Global fetch keeps no cookies or cache: one per domain is separation enough here.
          fetchForDomain: (domain) => links.fetchFor(domain, fetch),
          clearDomainData: async () => undefined,
          secrets,
          store: openJsonFileStore(join(dataDir, 'preview-settings.json'), coreLog(log)),
          clock: systemClock,
          // The system browser, simulated: the page opens the URL as a popup; a human can open the logged one.
          openExternal: async (url) => {
            log(`preview: sign-in page: ${url}`);
            socketRef.current?.broadcast({ type: 'open-external', url });
          },
          files: new NodeFileAccess(),
          dialogs: options.fileDialogs ?? loggingFileDialogs(join(dataDir, 'downloads'), log),
          network: os,
          notifier: notifications.notifier,
          restartApp: () => {
            restartRequests += 1;
            log('preview: Partner Desk would restart now (the preview stays on the emulator)');
          },
        },
        dataDir,
        appInfo: {
          version: 'preview',
          systemLocale: Intl.DateTimeFormat().resolvedOptions().locale,
          platform: process.platform,
        },
        log: coreLog(log),
        tuning: { ...options.tuning, maxAttachmentBytes },
      });
    let core = createCore();
    cleanups.push(() => core.dispose());

    let dispatchToCore = createInvokeDispatcher(core.handlers, coreLog(log));
    const dispatch: typeof dispatchToCore = (channel, request) => dispatchToCore(channel, request);
    const dropsDir = mkdtempSync(join(tmpdir(), 'partner-desk-preview-drops-'));
    cleanups.push(() => rmSync(dropsDir, { recursive: true, force: true }));
    const allowedHosts = () => origins.map((origin) => new URL(origin).host);
    const bridgeSocket = attachBridgeSocket({
      server,
      token,
      allowedOrigins: () => origins,
      allowedHosts,
      dispatch,
      drops: { dir: dropsDir, maxBytes: maxAttachmentBytes },
      log,
      toasts: {
        open: (id) => void notifications.open(id),
        dismiss: (id) => void notifications.dismiss(id),
        shownFrames: () => notifications.shown().map((notification) => ({ type: 'toast', notification })),
      },
    });
    socketRef.current = bridgeSocket;
    cleanups.push(() => bridgeSocket.close());
    const forwardEvents = (from: AppCore) =>
      from.onEvent((channel, payload) => bridgeSocket.broadcast({ type: 'event', channel, payload }));
    forwardEvents(core);

    const handleFile = createRendererFileServer({
      rendererDir,
      bridgeScript,
      contentSecurityPolicy: () => previewContentSecurityPolicy(origins),
      allowedHosts,
    });
    server.on('request', (request, response) => void handleFile(request, response));

    const port = await listen(server, options.port ?? 0);
    cleanups.push(() => closeServer(server));
    origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
    await core.start();

    const origin = origins[0]!;
    return {
      url: `${origin}/?token=${token}`,
      origin,
      token,
      emulator,
      notifications,
      get core() {
        return core;
      },
      get restartRequests() {
        return restartRequests;
      },
      network: {
        cutOff: (domain) => links.cutOff(domain),
        restore: (domain) => links.restore(domain),
        say: (signal) => os.say(signal),
      },
      loseCore: () => bridgeSocket.close(),
      async restartCore() {
        // The old core's notifications cannot be opened by the new one.
        notifications.clear();
        bridgeSocket.disconnectAll();
        await core.dispose();
        core = createCore();
        dispatchToCore = createInvokeDispatcher(core.handlers, coreLog(log));
        forwardEvents(core);
        await core.start();
      },
      close: () => runCleanups(cleanups),
    };
  } catch (error) {
    await runCleanups(cleanups);
    throw error;
  }
}

/** The app's own policy, with connect-src opened to the bridge socket only. */
export function previewContentSecurityPolicy(origins: readonly string[]): string {
  const sockets = origins.map((origin) => origin.replace(/^http:/, 'ws:')).join(' ');
  const policy = CONTENT_SECURITY_POLICY.replace("connect-src 'self'", `connect-src 'self' ${sockets}`);
  if (policy === CONTENT_SECURITY_POLICY) throw new Error("The app's CSP has no connect-src 'self' to extend");
  return policy;
}

/** Stands in for the native dialogs when no test scripts them: nothing to pick, saves into `downloadsDir`. */
function loggingFileDialogs(downloadsDir: string, log: (line: string) => void): FileDialogs {
  return {
    async chooseFilesToUpload() {
      log('preview: no native open dialog here; drop files on the case instead');
      return [];
    },
    async chooseSaveLocation(suggestedName) {
      mkdirSync(downloadsDir, { recursive: true });
      const path = join(downloadsDir, suggestedName);
      log(`preview: saving the download to ${path}`);
      return path;
    },
  };
}

function coreLog(log: (line: string) => void): Logger {
  const line = (level: string, message: string, error?: unknown) =>
    log(
      `preview: ${level} ${message}${error === undefined ? '' : `: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`}`,
    );
  return {
    info: (message) => line('info', message),
    warn: (message, error) => line('warn', message, error),
    error: (message, error) => line('error', message, error),
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      if (address && typeof address === 'object') resolve(address.port);
      else reject(new Error('the preview server has no port'));
    });
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

async function runCleanups(cleanups: Array<() => Promise<void> | void>): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error('preview: cleanup failed', error);
    }
  }
}
