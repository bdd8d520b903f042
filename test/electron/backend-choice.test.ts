import { describe, expect, it } from 'vitest';
import { chooseBackend, OAUTH_CLIENT_ID_KEY, OAUTH_CLIENT_SECRET_KEY } from '../../main/electron/backend-choice';

const settings = (values: Record<string, unknown> = {}) => ({ get: <T>(key: string) => values[key] as T | undefined });

describe('backend choice', () => {
  it('runs the demo backend by default', () => {
    expect(chooseBackend({}, settings())).toEqual({ kind: 'demo' });
    expect(chooseBackend({ PARTNER_DESK_OAUTH_CLIENT_ID: '  ' }, settings())).toEqual({ kind: 'demo' });
  });

  it('uses Google with the client from the environment', () => {
    expect(
      chooseBackend(
        { PARTNER_DESK_OAUTH_CLIENT_ID: 'id.apps.googleusercontent.com', PARTNER_DESK_OAUTH_CLIENT_SECRET: 'GOCSPX-x' },
        settings(),
      ),
    ).toEqual({ kind: 'google', oauthClientId: 'id.apps.googleusercontent.com', oauthClientSecret: 'GOCSPX-x' });
    expect(chooseBackend({ PARTNER_DESK_OAUTH_CLIENT_ID: 'id' }, settings())).toEqual({
      kind: 'google',
      oauthClientId: 'id',
      oauthClientSecret: undefined,
    });
  });

  it('falls back to the settings file, the environment winning', () => {
    const stored = settings({ [OAUTH_CLIENT_ID_KEY]: 'stored-id', [OAUTH_CLIENT_SECRET_KEY]: 'stored-secret' });
    expect(chooseBackend({}, stored)).toEqual({
      kind: 'google',
      oauthClientId: 'stored-id',
      oauthClientSecret: 'stored-secret',
    });
    expect(chooseBackend({ PARTNER_DESK_OAUTH_CLIENT_ID: 'env-id' }, stored)).toMatchObject({
      oauthClientId: 'env-id',
    });
    expect(chooseBackend({}, settings({ [OAUTH_CLIENT_ID_KEY]: 42 }))).toEqual({ kind: 'demo' });
  });
});
