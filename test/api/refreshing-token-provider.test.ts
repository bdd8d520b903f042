import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/app-error';
import { RefreshingTokenProvider } from '../../main/core/accounts/refreshing-token-provider';
import type { TokenResponse } from '../../main/google-wire/google-types';
import { ManualClock } from '../helpers/manual-clock';

/** A refresher that counts calls and can be told to fail or to hold its answer. */
function refresher() {
  let counter = 0;
  let failWith: AppError | undefined;
  let gate: Promise<void> | undefined;
  const state = {
    calls: 0,
    rotateTo: undefined as string | undefined,
    scope: 'x',
    seenTokens: [] as string[],
    fail(error: AppError) {
      failWith = error;
    },
    hold() {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = undefined;
        release();
      };
    },
    async refreshAccessToken(refreshToken: string): Promise<TokenResponse> {
      state.calls += 1;
      state.seenTokens.push(refreshToken);
      if (gate) await gate;
      if (failWith) throw failWith;
      counter += 1;
      return {
        access_token: `access-${counter}`,
        expires_in: 3600,
        scope: state.scope,
        token_type: 'Bearer',
        ...(state.rotateTo ? { refresh_token: state.rotateTo } : {}),
      };
    },
  };
  return state;
}

describe('RefreshingTokenProvider', () => {
  it('refreshes once, then reuses the token until shortly before it expires', async () => {
    const clock = new ManualClock();
    const oauth = refresher();
    const provider = new RefreshingTokenProvider({ refresher: oauth, refreshToken: 'r1', clock, skewMs: 60_000 });
    expect(await provider.getAccessToken()).toBe('access-1');
    clock.advance(3600_000 - 61_000);
    expect(await provider.getAccessToken()).toBe('access-1');
    clock.advance(2_000);
    expect(await provider.getAccessToken()).toBe('access-2');
    expect(oauth.calls).toBe(2);
  });

  it('tells the scopes each refresh says the grant holds', async () => {
    const clock = new ManualClock();
    const oauth = refresher();
    const granted: string[][] = [];
    const provider = new RefreshingTokenProvider({
      refresher: oauth,
      refreshToken: 'r1',
      clock,
      onScopesGranted: (scopes) => granted.push(scopes),
    });
    oauth.scope = 'https://www.googleapis.com/auth/cloud-platform  openid email';
    await provider.getAccessToken();
    oauth.scope = '';
    clock.advance(3600_000);
    await provider.getAccessToken();
    // An answer without scopes says nothing about them.
    expect(granted).toEqual([['https://www.googleapis.com/auth/cloud-platform', 'openid', 'email']]);
  });

  it('starts from a token in hand without refreshing', async () => {
    const clock = new ManualClock();
    const oauth = refresher();
    const provider = new RefreshingTokenProvider({
      refresher: oauth,
      refreshToken: 'r1',
      clock,
      initialAccessToken: { accessToken: 'given', expiresAt: clock.now() + 3600_000 },
    });
    expect(await provider.getAccessToken()).toBe('given');
    expect(oauth.calls).toBe(0);
  });

  it('shares one refresh between concurrent callers', async () => {
    const oauth = refresher();
    const release = oauth.hold();
    const provider = new RefreshingTokenProvider({ refresher: oauth, refreshToken: 'r1', clock: new ManualClock() });
    const tokens = Promise.all([provider.getAccessToken(), provider.getAccessToken(), provider.getAccessToken()]);
    release();
    expect(await tokens).toEqual(['access-1', 'access-1', 'access-1']);
    expect(oauth.calls).toBe(1);
  });

  it('refreshes again after the server refused the current token', async () => {
    const oauth = refresher();
    const provider = new RefreshingTokenProvider({ refresher: oauth, refreshToken: 'r1', clock: new ManualClock() });
    const first = await provider.getAccessToken();
    provider.invalidate('some-older-token');
    expect(await provider.getAccessToken()).toBe(first);
    provider.invalidate(first);
    expect(await provider.getAccessToken()).toBe('access-2');
  });

  it('lets one caller give up without cancelling the refresh for the others', async () => {
    const oauth = refresher();
    const release = oauth.hold();
    const provider = new RefreshingTokenProvider({ refresher: oauth, refreshToken: 'r1', clock: new ManualClock() });
    const controller = new AbortController();
    const impatient = provider.getAccessToken(controller.signal);
    const patient = provider.getAccessToken();
    controller.abort();
    await expect(impatient).rejects.toMatchObject({ code: 'cancelled' });
    release();
    expect(await patient).toBe('access-1');
  });

  it('keeps a rotated refresh token and reports it', async () => {
    const oauth = refresher();
    oauth.rotateTo = 'r2';
    const rotated: string[] = [];
    const provider = new RefreshingTokenProvider({
      refresher: oauth,
      refreshToken: 'r1',
      clock: new ManualClock(),
      onRefreshTokenRotated: (token) => rotated.push(token),
    });
    const token = await provider.getAccessToken();
    provider.invalidate(token);
    await provider.getAccessToken();
    expect(rotated).toEqual(['r2']);
    expect(oauth.seenTokens).toEqual(['r1', 'r2']);
  });

  it('on invalid_grant reports the session expired once and stops asking the server', async () => {
    const oauth = refresher();
    oauth.fail(new AppError('session_expired', 'Token has been expired or revoked.', { reason: 'invalid_grant' }));
    const expired: AppError[] = [];
    const provider = new RefreshingTokenProvider({
      refresher: oauth,
      refreshToken: 'r1',
      clock: new ManualClock(),
      onSessionExpired: (error) => expired.push(error),
    });
    await expect(provider.getAccessToken()).rejects.toMatchObject({ code: 'session_expired' });
    await expect(provider.getAccessToken()).rejects.toMatchObject({ code: 'session_expired' });
    expect(provider.sessionExpired).toBe(true);
    expect(expired).toHaveLength(1);
    expect(oauth.calls).toBe(1);
  });

  it('stays usable after a refresh failed for a passing reason', async () => {
    const oauth = refresher();
    oauth.fail(new AppError('offline', 'down'));
    const provider = new RefreshingTokenProvider({ refresher: oauth, refreshToken: 'r1', clock: new ManualClock() });
    await expect(provider.getAccessToken()).rejects.toMatchObject({ code: 'offline' });
    expect(provider.sessionExpired).toBe(false);
  });
});
