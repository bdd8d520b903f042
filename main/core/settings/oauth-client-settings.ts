import { AppError } from '../../../shared/app-error';
import type { KeyValueStore, Logger, SecretStore } from '../ports';

/** The settings-file key of the partner's own OAuth client ID (not a secret). */
export const OAUTH_CLIENT_ID_KEY = 'backend.oauthClientId';
/**
 * Where the README once told partners to put the client secret, by hand: read once more,
 * moved to the keychain and removed from the file (secrets live in the keychain only).
 */
export const LEGACY_OAUTH_CLIENT_SECRET_KEY = 'backend.oauthClientSecret';
/** The keychain entry of the client secret (next to each domain's `refresh-token:<domain>`). */
export const OAUTH_CLIENT_SECRET_ACCOUNT = 'oauth-client-secret';

export interface SavedOAuthClient {
  clientId: string;
  /** Undefined when none is saved, or the keychain could not be read (logged). */
  clientSecret: string | undefined;
}

export interface OAuthClientSettingsDeps {
  store: KeyValueStore;
  secrets: SecretStore;
  log: Logger;
}

function trimmed(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The Desktop OAuth client the Google connection settings saved: its ID in the settings
 * file (read at each start: a hand edit works too), its secret in the keychain.
 */
export class OAuthClientSettings {
  constructor(private readonly deps: OAuthClientSettingsDeps) {}

  /** The saved client, or null (the demo backend); a secret left in the settings file moves to the keychain first. */
  async read(): Promise<SavedOAuthClient | null> {
    const clientSecret = await this.readSecret();
    const clientId = trimmed(this.deps.store.get<unknown>(OAUTH_CLIENT_ID_KEY));
    return clientId ? { clientId, clientSecret } : null;
  }

  /**
   * Saves the client: the secret first, so a keychain that refuses it leaves the settings
   * as they were. Without a secret, the one saved stays (the caller checks it belongs to
   * the same client ID).
   */
  async save(clientId: string, clientSecret: string | undefined): Promise<void> {
    const { secrets } = this.deps;
    if (clientSecret !== undefined) {
      // The save restarts the app: a secret kept in memory would be gone, and every sign-in refused.
      if (secrets.keepsAcrossRestarts && !(await secrets.keepsAcrossRestarts())) {
        throw new AppError('keychain_unavailable', 'No keychain keeps the OAuth client secret across a restart', {
          store: 'memory',
          reason: 'not_kept',
        });
      }
      await secrets.set(OAUTH_CLIENT_SECRET_ACCOUNT, clientSecret);
    }
    this.deps.store.set(OAUTH_CLIENT_ID_KEY, clientId);
  }

  /**
   * Back to the demo backend: the ID, the secret and any secret left in the settings file
   * go. A keychain that fails to delete the secret does not stop the switch (the secret
   * store keeps it as a stale copy to delete later; demo never reads it).
   */
  async clear(): Promise<void> {
    const { store, secrets, log } = this.deps;
    store.delete(OAUTH_CLIENT_ID_KEY);
    store.delete(LEGACY_OAUTH_CLIENT_SECRET_KEY);
    await secrets.delete(OAUTH_CLIENT_SECRET_ACCOUNT).catch((error: unknown) => {
      log.warn('Could not delete the OAuth client secret from the keychain; going back to the demo anyway', error);
    });
  }

  /**
   * The keychain's secret. A secret found in the settings file is newer (the app never
   * writes one there: a hand edit after the old README): it replaces the keychain's, and
   * leaves the file only once the keychain gave it back. When the keychain fails, the
   * file's secret still serves this start, and moves at a later one.
   */
  private async readSecret(): Promise<string | undefined> {
    const { store, secrets, log } = this.deps;
    const raw = store.get<unknown>(LEGACY_OAUTH_CLIENT_SECRET_KEY);
    const legacy = trimmed(raw);
    try {
      if (legacy !== undefined) {
        await secrets.set(OAUTH_CLIENT_SECRET_ACCOUNT, legacy);
        if ((await secrets.get(OAUTH_CLIENT_SECRET_ACCOUNT)) !== legacy) {
          throw new Error('The keychain did not give the OAuth client secret back');
        }
        log.info('Moved the OAuth client secret from the settings file to the keychain');
      }
      if (raw !== undefined) store.delete(LEGACY_OAUTH_CLIENT_SECRET_KEY);
      return (await secrets.get(OAUTH_CLIENT_SECRET_ACCOUNT)) ?? undefined;
    } catch (error) {
      log.warn('Could not read or write the OAuth client secret in the keychain', error);
      return legacy;
    }
  }
}

/**
 * Which server a domain's sign-in belongs to: the demo emulator, or Google through one
 * OAuth client (a refresh token only refreshes with the client that issued it).
 */
export function backendIdentity(kind: 'demo' | 'google', oauthClientId: string): string {
  return kind === 'demo' ? 'demo' : `google:${oauthClientId}`;
}
