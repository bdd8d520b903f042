import type { KeyValueStore, SecretStore } from '../../../main/core/ports';

/** An in-memory keychain, inspectable by tests. */
export class MemorySecretStore implements SecretStore {
  readonly entries = new Map<string, string>();
  async get(account: string): Promise<string | null> {
    return this.entries.get(account) ?? null;
  }
  async set(account: string, secret: string): Promise<void> {
    this.entries.set(account, secret);
  }
  async delete(account: string): Promise<boolean> {
    return this.entries.delete(account);
  }
}

/** An in-memory electron-store stand-in; values are copied as JSON, as a real store would. */
export class MemoryKeyValueStore implements KeyValueStore {
  readonly entries = new Map<string, string>();
  get<T>(key: string): T | undefined {
    const text = this.entries.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }
  set<T>(key: string, value: T): void {
    this.entries.set(key, JSON.stringify(value));
  }
  delete(key: string): void {
    this.entries.delete(key);
  }
}
