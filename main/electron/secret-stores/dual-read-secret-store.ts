import { isAppError } from '../../../shared/app-error';
import type { Logger, SecretStore } from '../../core/ports';
import { keychainFailureReason, keychainUnavailable } from './keychain-failure';
import type { SecretBackends } from './secret-store-chooser';
import { sameStore, type SecretStorageRecord } from './secret-storage-record';

export interface DualReadOptions {
  /** The stores of this run, chosen on first use. */
  backends(): Promise<SecretBackends>;
  record: SecretStorageRecord;
  log: Logger;
}

/**
 * The SecretStore the core gets. Each secret is read where the record says it is; one
 * found in another store than this run's is moved: written to this run's store, read
 * back, and only then deleted from the old one (and the record updated). A move that
 * fails leaves the secret where it was, so changing stores never signs anyone out. A
 * delete that fails in one store is remembered as a stale copy, never read back, and
 * deleted at a later start (or overwritten by the next sign-in).
 *
 * Every failure reaches the core as a keychain_unavailable AppError naming the store.
 */
export function createDualReadSecretStore(options: DualReadOptions): SecretStore {
  const { record, log } = options;

  /** Writing into memory would lose the secret at quit: a secret found elsewhere stays there. */
  const movable = (backends: SecretBackends) => backends.current.id !== 'memory';

  async function move(account: string, from: string, old: SecretStore, value: string, backends: SecretBackends) {
    const { current } = backends;
    try {
      await current.store.set(account, value);
      const readBack = await current.store.get(account);
      if (readBack !== value) throw new Error(`${current.id} gave back another value than it was given`);
    } catch (error) {
      log.warn(`Could not move the sign-in of ${account} from ${from} to ${current.id}; it stays in ${from}`, error);
      return;
    }
    record.placed(account, current.id);
    // Within the one safeStorage file, the write replaced the old line.
    if (!sameStore(from, current.id)) await deleteStale(account, from, old);
    log.info(`Moved the sign-in of ${account} from ${from} to ${current.id}`);
  }

  async function deleteStale(account: string, store: string, opened: SecretStore | null): Promise<void> {
    if (!opened) {
      record.addPendingDelete(account, store);
      return;
    }
    try {
      await opened.delete(account);
    } catch (error) {
      record.addPendingDelete(account, store);
      log.warn(`Could not delete the old sign-in of ${account} in ${store}; trying again at the next start`, error);
    }
  }

  return {
    async keepsAcrossRestarts() {
      return (await options.backends()).current.id !== 'memory';
    },
    async get(account) {
      const backends = await options.backends();
      const { current } = backends;
      const where = record.locationOf(account);
      if (record.isStale(account, where)) return null;
      if (where === current.id) return attempt(where, () => current.store.get(account));
      const old = await backends.open(where);
      if (!old) throw unreachable(where);
      const value = await attempt(where, () => old.get(account));
      if (value !== null && movable(backends)) await move(account, where, old, value, backends);
      return value;
    },

    async set(account, secret) {
      const backends = await options.backends();
      const { current } = backends;
      const before = record.locationOf(account);
      const placed = record.places(account);
      await attempt(current.id, () => current.store.set(account, secret));
      record.placed(account, current.id);
      if (sameStore(before, current.id)) return;
      // The copy in the old store is stale now. One the record never placed (an install from
      // before the record) is only looked for where this run reaches.
      const old = await backends.open(before);
      if (old || placed) await deleteStale(account, before, old);
    },

    async delete(account) {
      const backends = await options.backends();
      const { current } = backends;
      const where = record.locationOf(account);
      const placed = record.places(account);
      let deleted = false;
      let failure: unknown;
      try {
        deleted = await attempt(current.id, () => current.store.delete(account));
      } catch (error) {
        failure = error;
        record.addPendingDelete(account, current.id);
      }
      if (!sameStore(where, current.id)) {
        const old = await backends.open(where);
        if (old) {
          try {
            deleted = (await attempt(where, () => old.delete(account))) || deleted;
          } catch (error) {
            failure ??= error;
            record.addPendingDelete(account, where);
          }
        } else if (placed) {
          failure ??= unreachable(where);
          record.addPendingDelete(account, where);
        }
      }
      record.forget(account);
      if (failure) throw failure;
      return deleted;
    },
  };
}

/** Runs one store operation; its failure becomes keychain_unavailable naming the store. */
async function attempt<T>(store: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw isAppError(error) ? error : keychainUnavailable(store, keychainFailureReason(error), error);
  }
}

/** A store this run cannot open: keytar did not load, or safeStorage cannot encrypt. */
function unreachable(store: string) {
  return keychainUnavailable(store, store === 'keytar' ? 'load_failed' : 'no_secret_service');
}
