import { z } from 'zod';
import { domainNameSchema } from '../../../shared/model/domain-name';
import type { KeyValueStore } from '../ports';

/** The settings file's key of the accounts list (the settings store guards its shape). */
export const ACCOUNTS_KEY = 'accounts';
/** The settings file's key of the backend the accounts were signed in on (backendIdentity). */
export const ACCOUNTS_BACKEND_KEY = 'accountsBackend';

/** What is remembered of a signed-in domain across restarts; never a token. */
export const storedAccountSchema = z.object({
  domain: domainNameSchema,
  email: z.string(),
  displayName: z.string(),
  /**
   * The OAuth scopes the grant holds, as the token endpoint last said (sign-in, refresh):
   * Diagnostics shows them. Not a secret; absent for an account saved before they were kept.
   */
  scopes: z.array(z.string().max(300)).max(20).optional(),
});
export type StoredAccount = z.infer<typeof storedAccountSchema>;

/** The accounts list as read: the entries the app can use, and those it cannot. */
export interface AccountList {
  accounts: StoredAccount[];
  /**
   * Entries that are not an account with a valid domain (a hand edit gone wrong). They
   * are kept in the file, after the good ones, so the user can fix them by hand; the app
   * neither restores nor deletes them.
   */
  skipped: unknown[];
}

/**
 * The signed-in reseller domains in tab order, persisted in the key-value store. The
 * refresh tokens live in the keychain (see refreshTokenKey), never here.
 */
export class AccountRegistry {
  constructor(private readonly store: KeyValueStore) {}

  read(): AccountList {
    const parsed = z.array(z.unknown()).safeParse(this.store.get<unknown>(ACCOUNTS_KEY));
    if (!parsed.success) return { accounts: [], skipped: [] };
    const seen = new Set<string>();
    const accounts: StoredAccount[] = [];
    const skipped: unknown[] = [];
    for (const raw of parsed.data) {
      const account = storedAccountSchema.safeParse(raw);
      if (!account.success) skipped.push(raw);
      else if (!seen.has(account.data.domain)) {
        seen.add(account.data.domain);
        accounts.push(account.data);
      }
    }
    return { accounts, skipped };
  }

  list(): StoredAccount[] {
    return this.read().accounts;
  }

  /** Adds the account at the end, or updates it in place when the domain is known. */
  upsert(account: StoredAccount): void {
    const accounts = this.list();
    const index = accounts.findIndex((existing) => existing.domain === account.domain);
    if (index >= 0) accounts[index] = account;
    else accounts.push(account);
    this.write(accounts);
  }

  remove(domain: string): void {
    this.write(this.list().filter((account) => account.domain !== domain));
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
    this.write([...ordered, ...byDomain.values()]);
  }

  private write(accounts: StoredAccount[]): void {
    this.store.set(ACCOUNTS_KEY, [...accounts, ...this.read().skipped]);
  }
}

/** A skipped entry as the user can find it in the file: its domain, or its JSON cut short. */
export function describeEntry(entry: unknown): string {
  const domain = (entry as { domain?: unknown } | null)?.domain;
  const text = typeof domain === 'string' ? domain : (JSON.stringify(entry) ?? String(entry));
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** The keychain entry of a domain's refresh token: one signed-in account per domain. */
export function refreshTokenKey(domain: string): string {
  return `refresh-token:${domain}`;
}
