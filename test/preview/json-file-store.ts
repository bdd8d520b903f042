import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../../main/core/ports';
import { SettingsFileStore, writeFileAtomic } from '../../main/core/settings/settings-file-store';

/**
 * The preview's electron-store: the app's SettingsFileStore (last-good copy, recovery of a
 * damaged file) over one JSON file rewritten atomically, so a killed preview never leaves
 * half a file behind.
 */
export function openJsonFileStore(path: string, log: Logger): SettingsFileStore {
  return new SettingsFileStore({
    path,
    write: (values) => {
      mkdirSync(dirname(path), { recursive: true });
      writeFileAtomic(path, JSON.stringify(values));
    },
    log,
  });
}
