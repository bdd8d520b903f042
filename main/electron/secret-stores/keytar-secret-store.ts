import { randomUUID } from 'node:crypto';
import type * as keytarApi from 'keytar';
import type { SecretStore } from '../../core/ports';

export const KEYCHAIN_SERVICE = 'Partner Desk';

/** The keytar functions the app uses. */
export type Keytar = Pick<typeof keytarApi, 'getPassword' | 'setPassword' | 'deletePassword'>;

/**
 * keytar, loaded when first needed rather than at the top of main: its native module may
 * fail to load (libsecret missing on Linux, a build for another runtime), and that must
 * turn into a fallback, not a main process that cannot start. Rejects with Node's error.
 */
export async function loadKeytar(): Promise<Keytar> {
  const loaded = (await import('keytar')) as Keytar & { default?: Keytar };
  return loaded.default ?? loaded;
}

/** The account name of the entry written and removed to check the keychain works. */
const PROBE_ACCOUNT = 'partner-desk-probe';

/**
 * Whether the keychain stores, returns and deletes an entry now. Reading alone is not
 * enough: gnome-keyring without a login keyring (and no prompter to create one) answers
 * reads with "nothing" and refuses every write. Rejects with the keychain's error.
 */
export async function probeKeytar(keytar: Keytar, service: string = KEYCHAIN_SERVICE): Promise<void> {
  const value = randomUUID();
  await keytar.setPassword(service, PROBE_ACCOUNT, value);
  const read = await keytar.getPassword(service, PROBE_ACCOUNT);
  await keytar.deletePassword(service, PROBE_ACCOUNT);
  if (read !== value) throw new Error('The keychain did not return the entry it was given');
}

function checkAccount(account: string): void {
  if (typeof account !== 'string' || account.length === 0 || account.length > 512) {
    throw new Error('Keychain account names must be non-empty strings of at most 512 characters');
  }
}

/**
 * Refresh tokens in the OS keychain (macOS Keychain, Windows Credential Manager, the
 * Secret Service on Linux), one entry per account under one service name, in the style of
 * GitHub Desktop's keytar wrapper. Secrets never touch a file the app writes itself.
 * Errors are keytar's own: the store chooser words them (keychain-failure.ts).
 */
export function createKeytarSecretStore(keytar: Keytar, service: string = KEYCHAIN_SERVICE): SecretStore {
  return {
    async get(account) {
      checkAccount(account);
      return keytar.getPassword(service, account);
    },
    async set(account, secret) {
      checkAccount(account);
      if (typeof secret !== 'string' || secret.length === 0)
        throw new Error('A keychain secret must be a non-empty string');
      await keytar.setPassword(service, account, secret);
    },
    async delete(account) {
      checkAccount(account);
      return keytar.deletePassword(service, account);
    },
  };
}
