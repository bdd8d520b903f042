import { z } from 'zod';
import type { KeyValueStore, Logger } from '../../core/ports';

/** The settings file's key of the record (no secret in it: account names and store names). */
export const SECRET_STORAGE_KEY = 'secretStorage';

/**
 * The store an install from before this record kept every sign-in in: the keychain,
 * through keytar. An account the record does not place is looked for there.
 */
export const UNRECORDED_STORE = 'keytar';

/**
 * Whether two store names are the same place: every safeStorage:<backend> is the one
 * file, whatever backend encrypted its lines.
 */
export function sameStore(a: string, b: string): boolean {
  const place = (store: string) => (store.startsWith('safeStorage:') ? 'safeStorage' : store);
  return place(a) === place(b);
}

const recordSchema = z.object({
  /** Where this run writes sign-ins: keytar, safeStorage:<backend>, or memory. */
  backend: z.string().optional(),
  /** Which store holds each account's secret. */
  locations: z.record(z.string(), z.string()).default({}),
  /** Stale copies (an account's secret in a store that no longer holds it) left to delete. */
  pendingDeletes: z.array(z.object({ account: z.string(), store: z.string() })).default([]),
  /** The user's answer to keeping sign-ins with safeStorage's basic_text (obfuscation only). */
  basicText: z.enum(['accepted', 'refused']).optional(),
});
export type SecretStorageState = z.infer<typeof recordSchema>;

/**
 * Where the sign-ins live, kept in the settings store so a change of store (a keychain
 * that went away, a desktop with another wallet) is seen at the next start: each secret
 * is then read from the store the record names and moved, never silently lost.
 */
export class SecretStorageRecord {
  constructor(
    private readonly settings: KeyValueStore,
    private readonly log: Logger,
  ) {}

  read(): SecretStorageState {
    const raw = this.settings.get<unknown>(SECRET_STORAGE_KEY);
    const parsed = recordSchema.safeParse(raw ?? {});
    if (parsed.success) return parsed.data;
    this.log.warn(
      `The "${SECRET_STORAGE_KEY}" entry of the settings is damaged; sign-ins are looked for in the keychain`,
    );
    return recordSchema.parse({});
  }

  locationOf(account: string): string {
    return this.read().locations[account] ?? UNRECORDED_STORE;
  }

  /** Whether the record itself says where `account` is (rather than the keychain by default). */
  places(account: string): boolean {
    return account in this.read().locations;
  }

  /** Whether `store`'s copy of `account`'s secret is stale (a delete there failed). */
  isStale(account: string, store: string): boolean {
    return this.read().pendingDeletes.some((stale) => stale.account === account && sameStore(stale.store, store));
  }

  update(change: (state: SecretStorageState) => void): void {
    // A copy: the settings store may hand out the object it keeps.
    const state = structuredClone(this.read());
    change(state);
    this.settings.set(SECRET_STORAGE_KEY, state);
  }

  /** `account`'s secret is now in `store` (and any stale copy there is gone). */
  placed(account: string, store: string): void {
    this.update((state) => {
      state.locations[account] = store;
      state.pendingDeletes = state.pendingDeletes.filter(
        (stale) => stale.account !== account || !sameStore(stale.store, store),
      );
    });
  }

  /** `account` has no secret any more (a stale copy may remain as a pending delete). */
  forget(account: string): void {
    this.update((state) => {
      delete state.locations[account];
    });
  }

  addPendingDelete(account: string, store: string): void {
    this.update((state) => {
      const known = state.pendingDeletes.some((stale) => stale.account === account && sameStore(stale.store, store));
      if (!known) state.pendingDeletes.push({ account, store });
    });
  }

  removePendingDelete(account: string, store: string): void {
    this.update((state) => {
      state.pendingDeletes = state.pendingDeletes.filter((stale) => stale.account !== account || stale.store !== store);
    });
  }
}
