import { AppError } from '../../../shared/app-error';
import { SCOPES, type TokenResponse, type UserInfo } from '../../google-wire/google-types';
import { createOAuthState, createPkcePair, type OAuthClient } from '../api/oauth-client';
import type { Clock, OpenExternal } from '../ports';
import { startLoopbackRedirect } from './loopback-redirect';

export const SIGN_IN_SCOPES = [SCOPES.cloudPlatform, SCOPES.resellerReadonly, SCOPES.openid, SCOPES.email] as const;

export interface SignInRequest {
  domain: string;
  loginHint?: string;
  signal?: AbortSignal;
}

export interface SignInResult {
  email: string;
  displayName: string;
  tokens: TokenResponse & { refresh_token: string };
  /** When the access token was issued (local clock), to know its expiry. */
  issuedAt: number;
}

export interface SignInFlowOptions {
  oauth: OAuthClient;
  openExternal: OpenExternal;
  clock: Clock;
  timeoutMs?: number;
}

/**
 * Google's installed-app sign-in, for one reseller domain: PKCE S256, a loopback
 * redirect, the system browser (steered with hd and login_hint), the code exchange,
 * and the check that the account really belongs to the requested domain — a user may
 * pick any account in the browser, so hd alone proves nothing.
 */
export async function signInToDomain(options: SignInFlowOptions, request: SignInRequest): Promise<SignInResult> {
  const pkce = await createPkcePair();
  const state = createOAuthState();
  const redirect = await startLoopbackRedirect({
    expectedState: state,
    clock: options.clock,
    timeoutMs: options.timeoutMs,
    signal: request.signal,
  });
  try {
    const url = options.oauth.buildAuthorizationUrl({
      redirectUri: redirect.redirectUri,
      scopes: SIGN_IN_SCOPES,
      state,
      codeChallenge: pkce.challenge,
      hd: request.domain,
      loginHint: request.loginHint,
      // Forces a refresh token even when the user consented before (e.g. re-sign-in after a revocation).
      prompt: 'consent',
    });
    try {
      await options.openExternal(url);
    } catch (error) {
      throw new AppError(
        'internal',
        'Could not open the sign-in page in the browser.',
        { reason: 'open_external' },
        { cause: error },
      );
    }
    const code = await redirect.code;
    const issuedAt = options.clock.now();
    const tokens = await options.oauth.exchangeCode(
      { code, codeVerifier: pkce.verifier, redirectUri: redirect.redirectUri },
      { signal: request.signal },
    );
    if (!tokens.refresh_token) {
      throw new AppError('internal', 'The sign-in server did not grant offline access; try again.');
    }
    const refreshToken = tokens.refresh_token;
    let user: UserInfo;
    try {
      user = await options.oauth.getUserInfo(tokens.access_token, { signal: request.signal });
      checkDomain(user, request.domain);
    } catch (error) {
      await options.oauth.revoke(refreshToken).catch(() => undefined);
      throw error;
    }
    return {
      email: user.email.toLowerCase(),
      displayName: user.name?.trim() || user.email,
      tokens: { ...tokens, refresh_token: refreshToken },
      issuedAt,
    };
  } finally {
    redirect.close();
  }
}

function checkDomain(user: UserInfo, domain: string): void {
  const emailDomain = user.email.slice(user.email.lastIndexOf('@') + 1).toLowerCase();
  if (emailDomain !== domain.toLowerCase()) {
    throw new AppError(
      'wrong_domain',
      `${user.email} is not an account of ${domain}. Sign in with an account of ${domain}.`,
      {
        domain,
        email: user.email,
      },
    );
  }
}
