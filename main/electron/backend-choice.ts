import type { KeyValueStore } from '../core/ports';

export type BackendChoice =
  { kind: 'demo' } | { kind: 'google'; oauthClientId: string; oauthClientSecret: string | undefined };

/** Settings-file keys that point the app at real Google without environment variables. */
export const OAUTH_CLIENT_ID_KEY = 'backend.oauthClientId';
export const OAUTH_CLIENT_SECRET_KEY = 'backend.oauthClientSecret';

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Demo (the embedded emulator) unless an OAuth client of Google's is configured, first
 * from the environment, then from the settings file. Google's "secret" for a desktop
 * client is not confidential, so the settings file may hold it.
 */
export function chooseBackend(
  env: Record<string, string | undefined>,
  settings: Pick<KeyValueStore, 'get'>,
): BackendChoice {
  const envId = nonEmpty(env.PARTNER_DESK_OAUTH_CLIENT_ID);
  if (envId)
    return { kind: 'google', oauthClientId: envId, oauthClientSecret: nonEmpty(env.PARTNER_DESK_OAUTH_CLIENT_SECRET) };
  const storedId = nonEmpty(settings.get(OAUTH_CLIENT_ID_KEY));
  if (storedId)
    return {
      kind: 'google',
      oauthClientId: storedId,
      oauthClientSecret: nonEmpty(settings.get(OAUTH_CLIENT_SECRET_KEY)),
    };
  return { kind: 'demo' };
}
