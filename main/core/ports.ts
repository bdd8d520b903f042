/**
 * What the Electron-free core needs from the outside. In the app, main/electron/
 * provides these (per-domain session fetch, keytar, electron-store);
 * in tests, Node's own parts or small fakes do.
 */

/** Same shape as the global fetch and Electron's `session.fetch`. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Gives a fresh access token for one domain's signed-in user. */
export interface TokenProvider {
  getAccessToken(signal?: AbortSignal): Promise<string>;
  /** Called when the server refused `token` as expired/invalid, so the next call refreshes. */
  invalidate(token: string): void;
}

/** The OS keychain (keytar in the app). One secret per (service, account). */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  /**
   * Whether what is set now is still there after a restart: no when no keychain works
   * and secrets are kept in memory for the run. Absent: yes.
   */
  keepsAcrossRestarts?(): Promise<boolean>;
}

/** Durable, non-secret key-value storage (electron-store in the app). */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  set<T>(key: string, value: T): void;
  delete(key: string): void;
  /**
   * For a store kept in a file the user may damage (SettingsFileStore): called for each
   * recovery, those made before subscribing included, so the core tells the user once.
   */
  onRecovered?(listener: (source: SettingsRecoverySource) => void): void;
}

/** Where recovered settings came from: the last good values, or defaults when none were kept. */
export type SettingsRecoverySource = 'last_good' | 'defaults';

/**
 * The one log of the app (main/electron/logger.ts writes it to a file; tests record it).
 * The second argument is the failure (an Error keeps its stack) or a few facts as JSON.
 */
export interface Logger {
  info(message: string, detail?: unknown): void;
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): { cancel(): void };
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return { cancel: () => clearTimeout(handle) };
  },
};

/** A file to upload: read as a stream so memory stays flat whatever its size. */
export interface FileSource {
  filename: string;
  size: number;
  mimeType: string;
  stream(): ReadableStream<Uint8Array>;
}

/** Where a download is written, chunk by chunk. */
export interface FileSink {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

/** What `inspect` finds at a path, symlinks followed. */
export interface FileInfo {
  /** `other`: a device, FIFO, socket... anything that is neither a regular file nor a folder. */
  kind: 'file' | 'directory' | 'other';
  size: number;
  /** A regular file this process could open for reading (always false for the other kinds). */
  readable: boolean;
}

/** Opens files for upload and download (node:fs in the app and in tests). */
export interface FileAccess {
  /** Null when nothing is at `path` (any more). Never opens anything but a regular file. */
  inspect(path: string): Promise<FileInfo | null>;
  openForUpload(path: string): Promise<FileSource>;
  createForDownload(path: string): Promise<FileSink>;
}

/** The OS's own file dialogs (Electron's dialog module in the app), opened by main. */
export interface FileDialogs {
  /** Paths the user picked to upload (several allowed, files only); [] when cancelled. */
  chooseFilesToUpload(): Promise<string[]>;
  /** Where to save a download, proposing `suggestedName`; null when cancelled. */
  chooseSaveLocation(suggestedName: string): Promise<string | null>;
}

/** Opens a URL in the system browser (shell.openExternal in the app). */
export type OpenExternal = (url: string) => Promise<void>;

/**
 * What the OS says about the whole machine's network, sleep and screen lock
 * (main/electron/network-signals.ts in the app). A locked screen counts as asleep for the
 * sync: nobody reads the cases meanwhile, and unlocking catches up at once.
 */
export type NetworkSignal = 'online' | 'offline' | 'suspend' | 'resume' | 'lock' | 'unlock';

/**
 * The OS's network and power events. 'offline' is reliable (no interface is up); 'online'
 * is not proof that a server answers, only a reason to try again, as is 'resume'.
 */
export interface NetworkSignals {
  /** False only when the OS is sure the machine has no network. */
  isOnline(): boolean;
  /** Returns the unsubscribe function. */
  subscribe(listener: (signal: NetworkSignal) => void): () => void;
}

/** One OS notification, its text already in the user's language. */
export interface OsNotification {
  /** Unique per notification: the click is routed by it. */
  id: string;
  title: string;
  body: string;
  /** Quiet hours: shown without sound (or not at all: the core decides). */
  silent: boolean;
  /** The domain it is about, and its cases (one, or several when grouped): for tests and the preview's toast. */
  domain: string;
  caseNames: string[];
}

/**
 * The OS's notifications (Electron's Notification in the app; an in-page toast in the
 * browser preview). The adapter keeps each notification alive until it is clicked,
 * closed or failed, focuses the window on a click, then calls `onClick`.
 */
export interface Notifier {
  show(notification: OsNotification, onClick: () => void): void;
}

/**
 * Quits and starts Partner Desk again (app.relaunch and the clean quit in the app): a new
 * backend needs a new start. Returns at once; the restart follows once the answer is out.
 */
export type RestartApp = () => void;
