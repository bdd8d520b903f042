import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyValueStore } from '../core/ports';
import type { Logger } from '../core/ports';

export const KV_STORE_NAME = 'partner-desk';

/** The electron-store options this adapter relies on (a subset of its Options). */
export interface KvStoreOptions {
  name: string;
  cwd: string;
  /** Keys often contain domain names, whose dots must not be read as nesting. */
  accessPropertiesByDotNotation: false;
  clearInvalidConfig: boolean;
}

/** What the adapter uses of an electron-store instance. */
export interface KvBackend {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/**
 * The non-secret settings file (`<dir>/partner-desk.json`, schema-less; secrets live in the
 * keychain). A file that no longer parses does not stop the app: it is kept aside as
 * `.corrupt` for diagnosis, logged, and electron-store's clearInvalidConfig starts afresh.
 */
export function openKeyValueStore(
  open: (options: KvStoreOptions) => KvBackend,
  dir: string,
  log: Logger,
): KeyValueStore {
  const options: KvStoreOptions = {
    name: KV_STORE_NAME,
    cwd: dir,
    accessPropertiesByDotNotation: false,
    clearInvalidConfig: false,
  };
  let backend: KvBackend;
  try {
    backend = open(options);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const file = join(dir, `${KV_STORE_NAME}.json`);
    log.error(`The settings file ${file} is corrupt; starting with empty settings`, error);
    try {
      copyFileSync(file, `${file}.corrupt`);
    } catch (copyError) {
      log.warn('Could not keep a copy of the corrupt settings file', copyError);
    }
    backend = open({ ...options, clearInvalidConfig: true });
  }
  return {
    get: <T>(key: string) => backend.get(key) as T | undefined,
    set<T>(key: string, value: T) {
      // electron-store refuses undefined; storing "nothing" means removing the key.
      if (value === undefined) backend.delete(key);
      else backend.set(key, value);
    },
    delete: (key) => backend.delete(key),
  };
}
