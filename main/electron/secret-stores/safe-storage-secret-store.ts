import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SafeStorage } from 'electron';
import { z } from 'zod';
import type { Logger, SecretStore } from '../../core/ports';
import { keychainUnavailable } from './keychain-failure';

/** The fallback file, in the app's data folder: one encrypted sign-in per line. */
export const SECRETS_FILE_NAME = 'sign-ins.jsonl';

/** What the store uses of Electron's safeStorage (its async API: Electron 45 has it). */
export type SafeStorageCipher = Pick<SafeStorage, 'encryptStringAsync' | 'decryptStringAsync'>;

/**
 * One line of the file. `backend` is the safeStorage backend that encrypted it (for the
 * log when it no longer decrypts); `data` the ciphertext, in base64, of the account name
 * and the secret together, so an entry copied under another account's name is refused
 * rather than read as that account's.
 */
const lineSchema = z.object({
  account: z.string().min(1).max(512),
  backend: z.string().min(1).max(64),
  data: z.base64().min(1),
});
type Line = z.infer<typeof lineSchema>;
const sealedSchema = z.object({ account: z.string(), secret: z.string().min(1) });

export interface SafeStorageSecretStoreOptions {
  safeStorage: SafeStorageCipher;
  file: string;
  /** The backend safeStorage uses in this run (getSelectedStorageBackend on Linux). */
  backend: string;
  log: Logger;
}

/**
 * Refresh tokens encrypted with Electron's safeStorage, in a file only the user can read
 * (0600), for when the OS keychain cannot be used. Each entry is a line of its own: a
 * line that does not parse is skipped (and dropped at the next write), one that does not
 * decrypt fails alone and is kept, the others still answer. Writes go through a
 * temporary file renamed over the old one, one at a time, so a crash leaves the old
 * file or the new, never half of one.
 */
export class SafeStorageSecretStore implements SecretStore {
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: SafeStorageSecretStoreOptions) {}

  /** The safeStorage backend this store encrypts with. */
  get backend(): string {
    return this.options.backend;
  }

  async get(account: string): Promise<string | null> {
    const line = (await this.read()).get(account);
    if (!line) return null;
    const store = `safeStorage:${line.backend}`;
    let opened: { result: string; shouldReEncrypt: boolean };
    try {
      opened = await this.options.safeStorage.decryptStringAsync(Buffer.from(line.data, 'base64'));
    } catch (error) {
      throw keychainUnavailable(store, 'unreadable', error);
    }
    const sealed = parseSealed(opened.result);
    if (!sealed || sealed.account !== account) {
      throw keychainUnavailable(
        store,
        'unreadable',
        new Error(`The entry of ${account} holds another account's secret`),
      );
    }
    if (opened.shouldReEncrypt) {
      // safeStorage rotated its key: store the secret again under the new one, best effort.
      await this.set(account, sealed.secret).catch((error: unknown) =>
        this.options.log.warn(`Could not encrypt the sign-in of ${account} again with the new key`, error),
      );
    }
    return sealed.secret;
  }

  async set(account: string, secret: string): Promise<void> {
    if (typeof secret !== 'string' || secret.length === 0) throw new Error('A secret must be a non-empty string');
    const sealed = await this.options.safeStorage.encryptStringAsync(JSON.stringify({ account, secret }));
    const line: Line = { account, backend: this.options.backend, data: sealed.toString('base64') };
    await this.exclusive(async () => {
      const lines = await this.read();
      lines.set(account, lineSchema.parse(line));
      await this.write(lines);
    });
  }

  async delete(account: string): Promise<boolean> {
    return this.exclusive(async () => {
      const lines = await this.read();
      if (!lines.delete(account)) return false;
      await this.write(lines);
      return true;
    });
  }

  /** Runs `work` after every write before it, so two writes never read the same old file. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writes.then(work, work);
    this.writes = run.catch(() => undefined);
    return run;
  }

  private async read(): Promise<Map<string, Line>> {
    let text: string;
    try {
      text = await readFile(this.options.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw error;
    }
    const lines = new Map<string, Line>();
    let damaged = 0;
    for (const raw of text.split('\n')) {
      if (raw.trim() === '') continue;
      const line = lineSchema.safeParse(parseJson(raw));
      if (line.success) lines.set(line.data.account, line.data);
      else damaged += 1;
    }
    if (damaged > 0) {
      this.options.log.warn(`Skipped ${damaged} damaged line(s) of ${this.options.file}; the other sign-ins are read`);
    }
    return lines;
  }

  private async write(lines: Map<string, Line>): Promise<void> {
    const { file } = this.options;
    const text = [...lines.values()].map((line) => `${JSON.stringify(line)}\n`).join('');
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const temp = `${file}.tmp`;
    await rm(temp, { force: true });
    try {
      // Created with 0600 ('wx': a new file, so the mode applies), then renamed over the old one.
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseSealed(text: string): z.infer<typeof sealedSchema> | undefined {
  const sealed = sealedSchema.safeParse(parseJson(text));
  return sealed.success ? sealed.data : undefined;
}
