import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClients } from '../../main/core/api/api-client';
import { OAuthClient } from '../../main/core/api/oauth-client';
import { SCOPES } from '../../main/google-wire/google-types';
import {
  approveSignIn,
  demoOAuthClient,
  signInThroughPage,
  APP_SCOPES,
  DEMO_CLIENT_ID,
  TEST_REDIRECT_URI,
} from './helpers/oauth-sign-in';
import {
  ALEX,
  CLAIRE,
  NORTHWIND,
  pickCustomer,
  startTestEmulator,
  type TestEmulator,
} from './helpers/emulator-fixtures';
import { signedInClients } from './helpers/signed-in-clients';

describe('OAuth against the emulator', () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('builds the authorization URL Google expects for a desktop app', () => {
    const url = new URL(
      demoOAuthClient(emulator.endpoints).buildAuthorizationUrl({
        redirectUri: TEST_REDIRECT_URI,
        scopes: APP_SCOPES,
        state: 'st',
        codeChallenge: 'ch',
        hd: NORTHWIND,
        loginHint: ALEX,
      }),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: DEMO_CLIENT_ID,
      redirect_uri: TEST_REDIRECT_URI,
      response_type: 'code',
      scope: APP_SCOPES.join(' '),
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
      access_type: 'offline',
      hd: NORTHWIND,
      login_hint: ALEX,
    });
  });

  it('signs in with PKCE, returns the state, and the tokens name the user', async () => {
    const oauth = demoOAuthClient(emulator.endpoints);
    const approved = await approveSignIn(oauth, ALEX);
    const tokens = await oauth.exchangeCode({
      code: approved.code,
      codeVerifier: approved.pkce.verifier,
      redirectUri: approved.redirectUri,
    });
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.refresh_token).toBeTruthy();
    expect(tokens.scope.split(' ')).toEqual(expect.arrayContaining([SCOPES.cloudPlatform]));
    const user = await oauth.getUserInfo(tokens.access_token);
    expect(user).toMatchObject({ email: ALEX, hd: NORTHWIND, email_verified: true });
  });

  it('refuses the code with a wrong verifier, and the code cannot be used twice', async () => {
    const oauth = demoOAuthClient(emulator.endpoints);
    const approved = await approveSignIn(oauth, ALEX);
    const wrong = oauth.exchangeCode({
      code: approved.code,
      codeVerifier: `${approved.pkce.verifier}x`,
      redirectUri: approved.redirectUri,
    });
    await expect(wrong).rejects.toMatchObject({ code: 'session_expired', detail: { reason: 'invalid_grant' } });
    const again = await approveSignIn(oauth, ALEX);
    const params = { code: again.code, codeVerifier: again.pkce.verifier, redirectUri: again.redirectUri };
    await oauth.exchangeCode(params);
    await expect(oauth.exchangeCode(params)).rejects.toMatchObject({ code: 'session_expired' });
  });

  it('refreshes into a new access token that the APIs accept', async () => {
    const oauth = demoOAuthClient(emulator.endpoints);
    const tokens = await signInThroughPage(oauth, ALEX);
    const refreshed = await oauth.refreshAccessToken(tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    const customer = pickCustomer(emulator, NORTHWIND, { resellerAccess: true });
    const { resourceManager } = createApiClients({
      fetch,
      endpoints: emulator.endpoints,
      tokenProvider: { getAccessToken: async () => refreshed.access_token, invalidate: () => undefined },
    });
    expect((await resourceManager.findOrganization(customer.customerId))?.name).toBe(customer.organization);
  });

  it('after revocation the refresh fails, the provider reports the session expired, and calls fail with session_expired', async () => {
    const signedIn = await signedInClients(emulator, CLAIRE);
    const customer = emulator.control.data.customers('revendeur-lumiere.example')[0]!;
    await signedIn.reseller.getCustomer(customer.customerId);
    await signedIn.oauth.revoke(signedIn.tokens.refresh_token!);
    await expect(signedIn.oauth.refreshAccessToken(signedIn.tokens.refresh_token!)).rejects.toMatchObject({
      code: 'session_expired',
    });
    // The access token in hand is refused now too: the client invalidates it, the refresh is refused.
    await expect(signedIn.reseller.getCustomer(customer.customerId)).rejects.toMatchObject({ code: 'session_expired' });
    expect(signedIn.sessionExpirations).toHaveLength(1);
    expect(signedIn.tokenProvider.sessionExpired).toBe(true);
  });

  it('revoking a token that is already dead is not an error', async () => {
    const oauth = demoOAuthClient(emulator.endpoints);
    await expect(oauth.revoke('not-a-token')).resolves.toBeUndefined();
  });

  it('rejects a wrong client id', async () => {
    const oauth = demoOAuthClient(emulator.endpoints);
    const approved = await approveSignIn(oauth, ALEX);
    const stranger = new OAuthClient({
      fetch,
      endpoints: emulator.endpoints,
      clientId: 'someone-else.apps.googleusercontent.com',
    });
    const exchange = stranger.exchangeCode({
      code: approved.code,
      codeVerifier: approved.pkce.verifier,
      redirectUri: approved.redirectUri,
    });
    await expect(exchange).rejects.toMatchObject({ code: expect.stringMatching(/invalid_argument|session_expired/) });
  });
});

describe('access token expiry', () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator({ manualClock: true, accessTokenTtlSec: 600 });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('refreshes transparently when the server says the token expired', async () => {
    const signedIn = await signedInClients(emulator, ALEX);
    const customer = pickCustomer(emulator, NORTHWIND, { resellerAccess: true });
    await signedIn.reseller.getCustomer(customer.customerId);
    // The emulator's clock moves past the token's life; the app's clock does not know.
    emulator.control.clock.advance(20 * 60_000);
    emulator.control.clearRequestLog();
    expect((await signedIn.reseller.getCustomer(customer.customerId)).customerId).toBe(customer.customerId);
    const statuses = emulator.control
      .requestLog()
      .filter((entry) => entry.route !== undefined)
      .map((entry) => `${entry.route} ${entry.status}`);
    expect(statuses).toEqual(['customers.get 401', 'oauth.token 200', 'customers.get 200']);
  });
});
