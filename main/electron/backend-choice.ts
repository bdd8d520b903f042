import type { OAuthClientSettings } from '../core/settings/oauth-client-settings';

export type BackendChoice =
  | { kind: 'demo'; source: 'none' }
  | { kind: 'google'; source: 'env' | 'settings'; oauthClientId: string; oauthClientSecret: string | undefined };

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Demo (the embedded emulator) unless an OAuth client of Google's is configured, first
 * from the environment, then from the Google connection settings (the ID in the settings
 * file, the secret in the keychain). The settings are read in any case, so a secret an
 * older version left in the settings file moves to the keychain at this start.
 */
export async function chooseBackend(
  env: Record<string, string | undefined>,
  saved: Pick<OAuthClientSettings, 'read'>,
): Promise<BackendChoice> {
  const client = await saved.read();
  const envId = nonEmpty(env.PARTNER_DESK_OAUTH_CLIENT_ID);
  if (envId) {
    return {
      kind: 'google',
      source: 'env',
      oauthClientId: envId,
      oauthClientSecret: nonEmpty(env.PARTNER_DESK_OAUTH_CLIENT_SECRET),
    };
  }
  if (client) {
    return {
      kind: 'google',
      source: 'settings',
      oauthClientId: client.clientId,
      oauthClientSecret: client.clientSecret,
    };
  }
  return { kind: 'demo', source: 'none' };
}
