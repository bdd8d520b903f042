import { describe, expect, it } from 'vitest';
import { chooseBackend } from '../../main/electron/backend-choice';
import {
  LEGACY_OAUTH_CLIENT_SECRET_KEY,
  OAUTH_CLIENT_ID_KEY,
  OAUTH_CLIENT_SECRET_ACCOUNT,
  OAuthClientSettings,
} from '../../main/core/settings/oauth-client-settings';
import { silentLogger } from '../../main/core/ports';
import { MemoryKeyValueStore, MemorySecretStore } from '../core/helpers/memory-stores';

const ID = '123456789012-abcdefghijklmnopqrstuvwxyz012345.apps.googleusercontent.com';
const SECRET = 'GOCSPX-abcdefghijklmnopqrstuvwx1234';

function saved(values: Record<string, unknown> = {}, keychain: Record<string, string> = {}) {
  const store = new MemoryKeyValueStore();
  for (const [key, value] of Object.entries(values)) store.set(key, value);
  const secrets = new MemorySecretStore();
  for (const [account, secret] of Object.entries(keychain)) secrets.entries.set(account, secret);
  return { store, secrets, settings: new OAuthClientSettings({ store, secrets, log: silentLogger }) };
}

describe('backend choice', () => {
  it('runs the demo backend by default', async () => {
    expect(await chooseBackend({}, saved().settings)).toEqual({ kind: 'demo', source: 'none' });
    expect(await chooseBackend({ PARTNER_DESK_OAUTH_CLIENT_ID: '  ' }, saved().settings)).toEqual({
      kind: 'demo',
      source: 'none',
    });
    expect(await chooseBackend({}, saved({ [OAUTH_CLIENT_ID_KEY]: 42 }).settings)).toEqual({
      kind: 'demo',
      source: 'none',
    });
  });

  it('uses Google with the client from the environment, which wins over the settings', async () => {
    const { settings } = saved({ [OAUTH_CLIENT_ID_KEY]: 'stored-id' }, { [OAUTH_CLIENT_SECRET_ACCOUNT]: 'stored' });
    expect(
      await chooseBackend({ PARTNER_DESK_OAUTH_CLIENT_ID: ID, PARTNER_DESK_OAUTH_CLIENT_SECRET: SECRET }, settings),
    ).toEqual({ kind: 'google', source: 'env', oauthClientId: ID, oauthClientSecret: SECRET });
    expect(await chooseBackend({ PARTNER_DESK_OAUTH_CLIENT_ID: ` ${ID} ` }, settings)).toEqual({
      kind: 'google',
      source: 'env',
      oauthClientId: ID,
      oauthClientSecret: undefined,
    });
  });

  it('falls back to the settings: the ID from the settings file, the secret from the keychain', async () => {
    const { settings } = saved({ [OAUTH_CLIENT_ID_KEY]: ID }, { [OAUTH_CLIENT_SECRET_ACCOUNT]: SECRET });
    expect(await chooseBackend({}, settings)).toEqual({
      kind: 'google',
      source: 'settings',
      oauthClientId: ID,
      oauthClientSecret: SECRET,
    });
  });

  it('moves a secret the old README put in the settings file to the keychain, even when the environment wins', async () => {
    const { settings, store, secrets } = saved({ [OAUTH_CLIENT_ID_KEY]: ID, [LEGACY_OAUTH_CLIENT_SECRET_KEY]: SECRET });
    expect(await chooseBackend({ PARTNER_DESK_OAUTH_CLIENT_ID: 'env-id' }, settings)).toMatchObject({ source: 'env' });
    expect(store.get(LEGACY_OAUTH_CLIENT_SECRET_KEY)).toBeUndefined();
    expect(secrets.entries.get(OAUTH_CLIENT_SECRET_ACCOUNT)).toBe(SECRET);
    expect(await chooseBackend({}, settings)).toMatchObject({ source: 'settings', oauthClientSecret: SECRET });
  });
});
