import { z } from 'zod';
import type { KeyValueStore } from '../ports';

const ACCOUNTS_KEY = 'accounts';

/** What is remembered of a signed-in domain across restarts; never a token. */
export const storedAccountSchema = z.object({
  domain: z.string(),
  email: z.string(),
  displayName: z.string(),
});
export type StoredAccount = z.infer<typeof storedAccountSchema>;

/**
 * The signed-in reseller domains in tab order, persisted in the key-value store. The
 * refresh tokens live in the keychain (see refreshTokenKey), never here.
 */
export class AccountRegistry {
  constructor(private readonly store: KeyValueStore) {}

  list(): StoredAccount[] {
    const parsed = z.array(z.unknown()).safeParse(this.store.get<unknown>(ACCOUNTS_KEY));
    if (!parsed.success) return [];
    const seen = new Set<string>();
    const accounts: StoredAccount[] = [];
    for (const raw of parsed.data) {
      const account = storedAccountSchema.safeParse(raw);
      if (account.success && !seen.has(account.data.domain)) {
        seen.add(account.data.domain);
        accounts.push(account.data);
      }
    }
    return accounts;
  }

  /** Adds the account at the end, or updates it in place when the domain is known. */
  upsert(account: StoredAccount): void {
    const accounts = this.list();
    const index = accounts.findIndex((existing) => existing.domain === account.domain);
    if (index >= 0) accounts[index] = account;
    else accounts.push(account);
    this.store.set(ACCOUNTS_KEY, accounts);
  }

  remove(domain: string): void {
    this.store.set(
      ACCOUNTS_KEY,
      this.list().filter((account) => account.domain !== domain),
    );
  }

  /** Puts the named domains first in the given order; unnamed ones keep their order after them. */
  reorder(domains: string[]): void {
    const accounts = this.list();
    const byDomain = new Map(accounts.map((account) => [account.domain, account]));
    const ordered: StoredAccount[] = [];
    for (const domain of domains) {
      const account = byDomain.get(domain);
      if (account) {
        ordered.push(account);
        byDomain.delete(domain);
      }
    }
    this.store.set(ACCOUNTS_KEY, [...ordered, ...byDomain.values()]);
  }
}

/** The keychain entry of a domain's refresh token: one signed-in account per domain. */
export function refreshTokenKey(domain: string): string {
  return `refresh-token:${domain}`;
}
