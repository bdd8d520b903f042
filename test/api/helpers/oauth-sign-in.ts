import { OAuthClient, createOAuthState, createPkcePair, type PkcePair } from '../../../main/core/api/oauth-client';
import { approveOnSignInPage } from '../../helpers/emulator-sign-in-page';
import { SCOPES, type ApiEndpoints, type TokenResponse } from '../../../main/google-wire/google-types';

export const DEMO_CLIENT_ID = 'partner-desk-demo.apps.googleusercontent.com';
/** Never contacted: the approve step is read with redirect 'manual'. */
export const TEST_REDIRECT_URI = 'http://127.0.0.1:1/oauth/callback';
export const APP_SCOPES = [SCOPES.openid, SCOPES.email, SCOPES.cloudPlatform, SCOPES.resellerReadonly];

export interface ApprovedSignIn {
  code: string;
  state: string;
  pkce: PkcePair;
  redirectUri: string;
}

/**
 * Does what the person does in the browser: opens the authorization URL, presses the
 * button of `email` on the emulator's sign-in page, and reads the code from the
 * redirect. The code is not exchanged yet, so a test can try a wrong verifier.
 */
export async function approveSignIn(
  oauth: OAuthClient,
  email: string,
  options: { hd?: string; scopes?: readonly string[] } = {},
): Promise<ApprovedSignIn> {
  const pkce = await createPkcePair();
  const state = createOAuthState();
  const authorizationUrl = oauth.buildAuthorizationUrl({
    redirectUri: TEST_REDIRECT_URI,
    scopes: options.scopes ?? APP_SCOPES,
    state,
    codeChallenge: pkce.challenge,
    hd: options.hd ?? email.split('@')[1],
    loginHint: email,
  });
  const redirect = await approveOnSignInPage(authorizationUrl, email);
  const code = redirect.searchParams.get('code');
  if (!code) throw new Error(`The redirect carries no code: ${redirect.toString()}`);
  return { code, state: redirect.searchParams.get('state') ?? '', pkce, redirectUri: TEST_REDIRECT_URI };
}

/** The whole sign-in: approve on the page, then exchange the code with the right verifier. */
export async function signInThroughPage(oauth: OAuthClient, email: string): Promise<TokenResponse> {
  const approved = await approveSignIn(oauth, email);
  return oauth.exchangeCode({
    code: approved.code,
    codeVerifier: approved.pkce.verifier,
    redirectUri: approved.redirectUri,
  });
}

export function demoOAuthClient(endpoints: ApiEndpoints): OAuthClient {
  return new OAuthClient({ fetch, endpoints, clientId: DEMO_CLIENT_ID });
}
