import { AppError } from '../../../shared/app-error';
import type { TokenResponse } from '../../google-wire/google-types';
import { grantedScopes } from '../api/oauth-client';
import { systemClock, type Clock, type TokenProvider } from '../ports';

export interface RefreshingTokenProviderOptions {
  /** Does the refresh grant; an OAuthClient in the app. */
  refresher: { refreshAccessToken(refreshToken: string, options?: { signal?: AbortSignal }): Promise<TokenResponse> };
  refreshToken: string;
  /** An access token already in hand (e.g. straight from the code exchange), to skip the first refresh. */
  initialAccessToken?: { accessToken: string; expiresAt: number };
  clock?: Clock;
  /** Refresh this long before the token expires, so a request never leaves with a dying token. */
  skewMs?: number;
  /** Called once when the refresh token is refused (revoked, expired): that domain must sign in again. */
  onSessionExpired?: (error: AppError) => void;
  /** Called when Google hands out a new refresh token, so the keychain can be updated. */
  onRefreshTokenRotated?: (refreshToken: string) => void;
  /** Called with the scopes each refresh says the grant holds (the token response's `scope`). */
  onScopesGranted?: (scopes: string[]) => void;
}

export const DEFAULT_REFRESH_SKEW_MS = 60_000;

/**
 * The TokenProvider of one signed-in account: holds its refresh token, keeps an access
 * token in memory and refreshes it shortly before expiry. Concurrent callers share one
 * refresh. Once the refresh token is refused, every call fails with `session_expired`
 * until a new provider is made from a new sign-in.
 */
export class RefreshingTokenProvider implements TokenProvider {
  private refreshToken: string;
  private current: { accessToken: string; expiresAt: number } | undefined;
  private refreshing: Promise<string> | undefined;
  private expired: AppError | undefined;
  private readonly clock: Clock;
  private readonly skewMs: number;

  constructor(private readonly options: RefreshingTokenProviderOptions) {
    this.refreshToken = options.refreshToken;
    this.current = options.initialAccessToken;
    this.clock = options.clock ?? systemClock;
    this.skewMs = options.skewMs ?? DEFAULT_REFRESH_SKEW_MS;
  }

  /** True once the refresh token has been refused. */
  get sessionExpired(): boolean {
    return this.expired !== undefined;
  }

  async getAccessToken(signal?: AbortSignal): Promise<string> {
    if (this.expired) throw this.expired;
    if (this.current && this.clock.now() < this.current.expiresAt - this.skewMs) return this.current.accessToken;
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = undefined;
    });
    return waitOrAbort(this.refreshing, signal);
  }

  invalidate(token: string): void {
    if (this.current?.accessToken === token) this.current = undefined;
  }

  private async refresh(): Promise<string> {
    const startedAt = this.clock.now();
    try {
      const response = await this.options.refresher.refreshAccessToken(this.refreshToken);
      this.current = { accessToken: response.access_token, expiresAt: startedAt + response.expires_in * 1000 };
      const scopes = grantedScopes(response);
      if (scopes.length > 0) this.options.onScopesGranted?.(scopes);
      if (response.refresh_token && response.refresh_token !== this.refreshToken) {
        this.refreshToken = response.refresh_token;
        this.options.onRefreshTokenRotated?.(response.refresh_token);
      }
      return response.access_token;
    } catch (error) {
      if (error instanceof AppError && error.code === 'session_expired') {
        this.current = undefined;
        this.expired = error;
        this.options.onSessionExpired?.(error);
      }
      throw error;
    }
  }
}

/** One caller giving up must not cancel the refresh the others share. */
function waitOrAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new AppError('cancelled', 'The request was cancelled.'));
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new AppError('cancelled', 'The request was cancelled.'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
