import { SettingsFileStore } from '../core/settings/settings-file-store';
import type { Logger } from '../core/ports';

export const KV_STORE_NAME = 'partner-desk';

/** The electron-store options this adapter relies on (a subset of its Options). */
export interface KvStoreOptions {
  name: string;
  cwd: string;
  /** Keys often contain domain names, whose dots must not be read as nesting. */
  accessPropertiesByDotNotation: false;
  /**
   * true: a file that no longer parses must not make the constructor throw (nor is it
   * rewritten: electron-store then reads it as empty and writes nothing). The core's
   * SettingsFileStore reads the file itself, tells the damage and repairs it.
   */
  clearInvalidConfig: true;
}

/** What the adapter uses of an electron-store instance. */
export interface KvBackend {
  /** The file electron-store keeps (`<cwd>/partner-desk.json`). */
  readonly path: string;
  /** Replaces the whole file in one atomic write, without reading it first (as `set` would). */
  store: Record<string, unknown>;
}

/**
 * The non-secret settings file (`<dir>/partner-desk.json`, schema-less; secrets live in the
 * keychain), written by electron-store; reading, checking, the last-good copy and the
 * recovery of a damaged file are the core's (SettingsFileStore).
 */
export function openKeyValueStore(
  open: (options: KvStoreOptions) => KvBackend,
  dir: string,
  log: Logger,
): SettingsFileStore {
  const backend = open({
    name: KV_STORE_NAME,
    cwd: dir,
    accessPropertiesByDotNotation: false,
    clearInvalidConfig: true,
  });
  return new SettingsFileStore({
    path: backend.path,
    write: (values) => {
      backend.store = values;
    },
    log,
  });
}
