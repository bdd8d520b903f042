import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../main/core/ports';
import type { Keytar } from '../../main/electron/secret-stores/keytar-secret-store';
import { SECRETS_FILE_NAME } from '../../main/electron/secret-stores/safe-storage-secret-store';
import { createSecretStore, type SafeStorageApi } from '../../main/electron/secret-stores/secret-store-chooser';
import { MemoryKeyValueStore } from '../core/helpers/memory-stores';

/**
 * What keytar rejects with when no Secret Service answers, as libsecret words it (seen on
 * Debian: no D-Bus session and no $DISPLAY; DBUS_SESSION_BUS_ADDRESS=disabled:; a bus
 * address that points nowhere; gnome-keyring without a login keyring nor a prompter), as
 * reported by users (no service providing org.freedesktop.secrets; a KWallet without the
 * Secret Service interface), and what Node says when keytar.node does not load.
 */
export const LIBSECRET_ERRORS = [
  'Cannot autolaunch D-Bus without X11 $DISPLAY',
  'Unknown or unsupported transport “disabled” for address “disabled:”',
  'Could not connect: No such file or directory',
  'Object does not exist at path “/org/freedesktop/secrets/collection/login”',
  'The name org.freedesktop.secrets was not provided by any .service files',
  'No such interface “org.freedesktop.Secret.Collection” on object at path /org/freedesktop/secrets/collection/login',
];
export const LOAD_ERRORS = [
  "Cannot find module '../build/Release/keytar.node'",
  'libsecret-1.so.0: cannot open shared object file: No such file or directory',
  "The module '/opt/Partner Desk/resources/app.asar.unpacked/node_modules/keytar/build/Release/keytar.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115.",
];

type KeytarCall = 'get' | 'set' | 'delete';

/** keytar over a Map, one keychain for every service; an operation fails with `failures[op]` when set. */
export class FakeKeytar implements Keytar {
  readonly entries = new Map<string, string>();
  failures: Partial<Record<KeytarCall, Error>> = {};
  /** Makes getPassword answer this for an account instead of what it holds (a keychain that reads back wrong). */
  misreads = new Map<string, string>();

  private check(call: KeytarCall) {
    const failure = this.failures[call];
    if (failure) throw failure;
  }
  private key(service: string, account: string) {
    return `${service}\u0000${account}`;
  }
  getPassword = async (service: string, account: string) => {
    this.check('get');
    return this.misreads.get(account) ?? this.entries.get(this.key(service, account)) ?? null;
  };
  setPassword = async (service: string, account: string, password: string) => {
    this.check('set');
    this.entries.set(this.key(service, account), password);
  };
  deletePassword = async (service: string, account: string) => {
    this.check('delete');
    return this.entries.delete(this.key(service, account));
  };
  has(account: string): boolean {
    return [...this.entries.keys()].some((key) => key.endsWith(`\u0000${account}`));
  }
}

type Backend = ReturnType<SafeStorageApi['getSelectedStorageBackend']>;

/**
 * safeStorage with a key per backend: what one backend encrypted, another cannot decrypt
 * (as with Chromium's keys kept in one wallet or another). The bytes are XORed, so no
 * plain text is left in them.
 */
export class FakeSafeStorage implements SafeStorageApi {
  availabilityChecks = 0;
  encryptions = 0;
  reEncrypt = false;
  failEncrypt = false;
  constructor(
    public backend: Backend,
    public available = true,
  ) {}
  /** Makes safeStorage fail to start (its key store answering with an error). */
  failStart = false;
  async isAsyncEncryptionAvailable() {
    this.availabilityChecks += 1;
    if (this.failStart) throw new Error('Failed to initialize the encryptor');
    return this.available;
  }
  getSelectedStorageBackend() {
    return this.backend;
  }
  async encryptStringAsync(text: string) {
    if (this.failEncrypt) throw new Error('Error while encrypting the text provided to safeStorage.encryptString.');
    this.encryptions += 1;
    const body = Buffer.from(text).map((byte) => byte ^ 0x5a);
    return Buffer.concat([Buffer.from(`${this.backend}|`), body]);
  }
  async decryptStringAsync(data: Buffer) {
    const prefix = Buffer.from(`${this.backend}|`);
    if (!data.subarray(0, prefix.length).equals(prefix)) {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
    const body = data.subarray(prefix.length).map((byte) => byte ^ 0x5a);
    return { result: Buffer.from(body).toString(), shouldReEncrypt: this.reEncrypt };
  }
}

/** A log that keeps every line, for the tests that read what was said. */
export function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(`info ${message}`),
    warn: (message) => lines.push(`warn ${message}`),
    error: (message) => lines.push(`error ${message}`),
  };
}

/** One computer: its settings file and data folder, kept across runs (starts of the app). */
export function machine() {
  const dir = mkdtempSync(join(tmpdir(), 'pd-secrets-'));
  return { dir, file: join(dir, SECRETS_FILE_NAME), settings: new MemoryKeyValueStore(), log: recordingLog() };
}
export type Machine = ReturnType<typeof machine>;

export interface RunOptions {
  /** keytar as this run finds it, or the error loading it fails with. */
  keytar: FakeKeytar | Error;
  safeStorage: FakeSafeStorage;
  /** The user's answer to the basic_text question. */
  answer?: boolean;
}

/** One start of the app on `computer`: the store the core would get, and the questions asked. */
export function startRun(computer: Machine, options: RunOptions) {
  const asked: number[] = [];
  const store = createSecretStore({
    loadKeytar: async () => {
      if (options.keytar instanceof Error) throw options.keytar;
      return options.keytar;
    },
    safeStorage: options.safeStorage,
    platform: 'linux',
    file: computer.file,
    settings: computer.settings,
    askBasicText: async () => {
      asked.push(1);
      return options.answer ?? false;
    },
    log: computer.log,
    service: 'Partner Desk test',
  });
  return { store, asked };
}
