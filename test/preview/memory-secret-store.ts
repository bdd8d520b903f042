import type { SecretStore } from '../../main/core/ports';

/**
 * The preview's keychain: process memory. A browser page has no OS keychain to reach,
 * and preview sessions are throwaway, so refresh tokens die with the preview process.
 */
export class MemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, string>();

  async get(account: string): Promise<string | null> {
    return this.secrets.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    this.secrets.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    return this.secrets.delete(account);
  }
}
