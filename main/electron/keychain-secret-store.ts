import keytar from 'keytar';
import type { SecretStore } from '../core/ports';

export const KEYCHAIN_SERVICE = 'Partner Desk';

type Keytar = Pick<typeof keytar, 'getPassword' | 'setPassword' | 'deletePassword'>;

function checkAccount(account: string): void {
  if (typeof account !== 'string' || account.length === 0 || account.length > 512) {
    throw new Error('Keychain account names must be non-empty strings of at most 512 characters');
  }
}

/**
 * Refresh tokens in the OS keychain (macOS Keychain, Windows Credential Manager, the
 * Secret Service on Linux), one entry per account under one service name, in the style of
 * GitHub Desktop's keytar wrapper. Secrets never touch a file the app writes itself.
 */
export function createKeychainSecretStore(service: string = KEYCHAIN_SERVICE, backend: Keytar = keytar): SecretStore {
  return {
    async get(account) {
      checkAccount(account);
      return backend.getPassword(service, account);
    },
    async set(account, secret) {
      checkAccount(account);
      if (typeof secret !== 'string' || secret.length === 0)
        throw new Error('A keychain secret must be a non-empty string');
      await backend.setPassword(service, account, secret);
    },
    async delete(account) {
      checkAccount(account);
      return backend.deletePassword(service, account);
    },
  };
}
