import type { SafeStorage } from 'electron';
import type { KeyValueStore, Logger, SecretStore } from '../../core/ports';
import { createDualReadSecretStore } from './dual-read-secret-store';
import { keychainFailureReason, keychainUnavailable } from './keychain-failure';
import { createKeytarSecretStore, probeKeytar, type Keytar } from './keytar-secret-store';
import { MemorySecretStore } from './memory-secret-store';
import { SafeStorageSecretStore, type SafeStorageCipher } from './safe-storage-secret-store';
import { sameStore, SecretStorageRecord } from './secret-storage-record';

/** What the chooser uses of Electron's safeStorage. */
export type SafeStorageApi = SafeStorageCipher &
  Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'getSelectedStorageBackend'>;

export interface SecretStoreChooserDeps {
  /** keytar, loaded on first use (loadKeytar); rejects when its native module does not load. */
  loadKeytar(): Promise<Keytar>;
  safeStorage: SafeStorageApi;
  platform: NodeJS.Platform;
  /** The encrypted fallback file, in the app's data folder. */
  file: string;
  /** The settings store, where the record of which store holds each sign-in lives. */
  settings: KeyValueStore;
  /**
   * Asks the user, after a plain explanation, whether sign-ins may be kept with
   * safeStorage's basic_text backend (a native dialog from main). Asked once: the answer
   * is remembered.
   */
  askBasicText(): Promise<boolean>;
  log: Logger;
  /** The keychain's service name (tests use their own). */
  service?: string;
}

/** The stores of one run: where it writes, and each store it can try to read from. */
export interface SecretBackends {
  current: { id: string; store: SecretStore };
  /** The store named `id` if this run can reach it (keytar loaded, safeStorage encrypting), else null. */
  open(id: string): Promise<SecretStore | null>;
}

/**
 * The store of sign-ins on every desktop: the OS keychain through keytar when it works;
 * else Electron's safeStorage (an encrypted file), refusing basic_text — a fixed key,
 * obfuscation rather than encryption — unless the user agrees; else memory, for this run
 * only. Chosen on first use, once per run. The core's SecretStore port is unchanged:
 * which store holds each secret, and moving it, is this module's business.
 */
export function createSecretStore(deps: SecretStoreChooserDeps): SecretStore {
  const record = new SecretStorageRecord(deps.settings, deps.log);
  let chosen: Promise<SecretBackends> | undefined;
  const choose = () =>
    chooseSecretBackends(deps, record).catch((error: unknown) => {
      // Chosen again at the next use rather than failing for the rest of the run.
      chosen = undefined;
      throw keychainUnavailable('keytar', 'keychain_error', error);
    });
  return createDualReadSecretStore({
    backends: () => (chosen ??= choose()),
    record,
    log: deps.log,
  });
}

/** The safeStorage backend's name: Linux says which it picked; Windows and macOS have one each. */
export function safeStorageBackendName(
  platform: NodeJS.Platform,
  safeStorage: Pick<SafeStorage, 'getSelectedStorageBackend'>,
): string {
  if (platform === 'linux') return safeStorage.getSelectedStorageBackend();
  if (platform === 'win32') return 'dpapi';
  if (platform === 'darwin') return 'keychain';
  return 'unknown';
}

async function chooseSecretBackends(
  deps: SecretStoreChooserDeps,
  record: SecretStorageRecord,
): Promise<SecretBackends> {
  const { log } = deps;
  const keytar = await deps.loadKeytar().catch((error: unknown) => {
    log.warn('keytar did not load; the keychain cannot be used', error);
    return null;
  });
  const keytarStore = keytar ? createKeytarSecretStore(keytar, deps.service) : null;
  let fileStore: Promise<SafeStorageSecretStore | null> | undefined;
  // safeStorage only when needed: on macOS and Linux its first use may ask the keychain for its key.
  const openFileStore = () => (fileStore ??= openSafeStorage(deps));
  const memory = new MemorySecretStore();
  const open = async (id: string): Promise<SecretStore | null> => {
    if (id === 'keytar') return keytarStore;
    if (id === 'memory') return memory;
    if (id.startsWith('safeStorage:')) return openFileStore();
    return null;
  };

  let current: SecretBackends['current'] | undefined;
  if (keytar && keytarStore) {
    try {
      await probeKeytar(keytar, deps.service);
      current = { id: 'keytar', store: keytarStore };
    } catch (error) {
      log.warn(`The keychain does not work (${keychainFailureReason(error)}); trying safeStorage`, error);
    }
  }
  if (!current) {
    const files = await openFileStore();
    if (files && (await acceptable(files.backend, deps, record))) {
      current = { id: `safeStorage:${files.backend}`, store: files };
    } else {
      log.warn('No keychain and no safeStorage to keep sign-ins: they are kept until Partner Desk quits');
      current = { id: 'memory', store: memory };
    }
  }

  const before = record.read().backend;
  if (before !== current.id) {
    if (before) log.info(`Sign-ins are now kept in ${current.id} (before: ${before}); each moves there when next read`);
    else log.info(`Sign-ins are kept in ${current.id}`);
    const id = current.id;
    record.update((state) => {
      state.backend = id;
    });
  }
  await retryPendingDeletes(record, open, log);
  return { current, open };
}

async function openSafeStorage(deps: SecretStoreChooserDeps): Promise<SafeStorageSecretStore | null> {
  try {
    if (!(await deps.safeStorage.isAsyncEncryptionAvailable())) {
      deps.log.warn('safeStorage cannot encrypt on this system');
      return null;
    }
    return new SafeStorageSecretStore({
      safeStorage: deps.safeStorage,
      file: deps.file,
      backend: safeStorageBackendName(deps.platform, deps.safeStorage),
      log: deps.log,
    });
  } catch (error) {
    deps.log.warn('safeStorage failed to start', error);
    return null;
  }
}

/**
 * Whether sign-ins may be written with this safeStorage backend. `basic_text` encrypts
 * with a key that is the same on every machine: only with the user's consent, asked once.
 * `unknown` (safeStorage asked before the app was ready) says nothing of the protection.
 */
async function acceptable(
  backend: string,
  deps: SecretStoreChooserDeps,
  record: SecretStorageRecord,
): Promise<boolean> {
  if (backend === 'unknown') {
    deps.log.warn('safeStorage does not say how it encrypts (backend "unknown"); it is not used');
    return false;
  }
  if (backend !== 'basic_text') return true;
  const remembered = record.read().basicText;
  if (remembered) return remembered === 'accepted';
  let accepted: boolean;
  try {
    accepted = await deps.askBasicText();
  } catch (error) {
    // Asked again at the next start: no answer was given.
    deps.log.warn('Could not ask whether to keep sign-ins with basic protection', error);
    return false;
  }
  record.update((state) => {
    state.basicText = accepted ? 'accepted' : 'refused';
  });
  deps.log.info(`The user ${accepted ? 'accepted' : 'refused'} keeping sign-ins with safeStorage's basic_text`);
  return accepted;
}

/** Deletes the stale copies a failed delete left, in the stores this run reaches. */
async function retryPendingDeletes(
  record: SecretStorageRecord,
  open: SecretBackends['open'],
  log: Logger,
): Promise<void> {
  for (const stale of record.read().pendingDeletes) {
    // Never a live secret: writing an account into a store clears its pending delete there.
    if (record.places(stale.account) && sameStore(record.locationOf(stale.account), stale.store)) {
      record.removePendingDelete(stale.account, stale.store);
      continue;
    }
    const store = await open(stale.store);
    if (!store) continue;
    try {
      await store.delete(stale.account);
      record.removePendingDelete(stale.account, stale.store);
    } catch (error) {
      log.warn(`Could not yet delete the stale sign-in of ${stale.account} in ${stale.store}`, error);
    }
  }
}
