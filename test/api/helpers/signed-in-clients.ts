import { RefreshingTokenProvider } from '../../../main/core/accounts/refreshing-token-provider';
import { createApiClients, type ApiClients } from '../../../main/core/api/api-client';
import type { ApiEndpoints, TokenResponse } from '../../../main/google-wire/google-types';
import type { OAuthClient } from '../../../main/core/api/oauth-client';
import type { Clock, FetchLike } from '../../../main/core/ports';
import type { AppError } from '../../../shared/app-error';
import { demoOAuthClient, signInThroughPage } from './oauth-sign-in';

export interface SignedIn extends ApiClients {
  email: string;
  oauth: OAuthClient;
  tokenProvider: RefreshingTokenProvider;
  /** The tokens of the sign-in itself (the refresh token is what the keychain would hold). */
  tokens: TokenResponse;
  /** Errors passed to onSessionExpired, in order. */
  sessionExpirations: AppError[];
}

export interface SignedInOptions {
  /** Defaults to the global fetch; tests of faults may wrap it. */
  fetch?: FetchLike;
  clock?: Clock;
}

/**
 * API clients for `email`, signed in the way the app does it: PKCE through the
 * emulator's sign-in page, then a RefreshingTokenProvider holding the refresh token.
 */
export async function signedInClients(
  emulator: { endpoints: ApiEndpoints },
  email: string,
  options: SignedInOptions = {},
): Promise<SignedIn> {
  const oauth = demoOAuthClient(emulator.endpoints);
  const tokens = await signInThroughPage(oauth, email);
  if (!tokens.refresh_token) throw new Error(`The sign-in of ${email} returned no refresh token.`);
  const clock = options.clock;
  const now = clock ? clock.now() : Date.now();
  const sessionExpirations: AppError[] = [];
  const tokenProvider = new RefreshingTokenProvider({
    refresher: oauth,
    refreshToken: tokens.refresh_token,
    initialAccessToken: { accessToken: tokens.access_token, expiresAt: now + tokens.expires_in * 1000 },
    clock,
    onSessionExpired: (error) => sessionExpirations.push(error),
  });
  const clients = createApiClients({
    fetch: options.fetch ?? fetch,
    endpoints: emulator.endpoints,
    tokenProvider,
    clock,
  });
  return { ...clients, email, oauth, tokenProvider, tokens, sessionExpirations };
}
