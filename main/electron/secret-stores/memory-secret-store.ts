import type { SecretStore } from '../../core/ports';
import { keychainUnavailable } from './keychain-failure';

/**
 * Sign-ins for this run only, when nothing can keep them. An entry it does not hold was
 * kept by a run that has ended: that is an error the user is told, not "signed out".
 */
export class MemorySecretStore implements SecretStore {
  private readonly entries = new Map<string, string>();

  async get(account: string): Promise<string | null> {
    const secret = this.entries.get(account);
    if (secret === undefined) throw keychainUnavailable('memory', 'not_kept');
    return secret;
  }

  async set(account: string, secret: string): Promise<void> {
    this.entries.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    return this.entries.delete(account);
  }
}
