import { webcrypto } from 'node:crypto';
import { AppError } from '../../../shared/app-error';
import { systemClock, type Clock, type FetchLike } from '../ports';
import type { ApiEndpoints, TokenResponse, UserInfo } from '../../google-wire/google-types';
import { buildUrl } from './http-transport';
import { mapNetworkError, mapOAuthError } from './rpc-error-mapper';

export interface PkcePair {
  /** Kept by the app until the code exchange; never sent to the browser. */
  verifier: string;
  /** base64url(SHA-256(verifier)), sent in the authorization URL. */
  challenge: string;
  method: 'S256';
}

/** A PKCE pair per RFC 7636: 32 random bytes → a 43-character verifier, S256 challenge. */
export async function createPkcePair(): Promise<PkcePair> {
  const verifier = base64Url(webcrypto.getRandomValues(new Uint8Array(32)));
  const digest = await webcrypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return { verifier, challenge: base64Url(new Uint8Array(digest)), method: 'S256' };
}

/** An unguessable `state` that ties the redirect back to the request that started it. */
export function createOAuthState(): string {
  return base64Url(webcrypto.getRandomValues(new Uint8Array(16)));
}

function base64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

export interface AuthorizationRequest {
  redirectUri: string;
  scopes: readonly string[];
  state: string;
  codeChallenge: string;
  /** Steers the account chooser to the reseller domain; the app still checks the email afterwards. */
  hd?: string;
  loginHint?: string;
  /** 'consent' forces a new refresh token (e.g. after the old one died). */
  prompt?: 'consent' | 'select_account' | 'none';
}

export interface OAuthClientOptions {
  fetch: FetchLike;
  endpoints: Pick<ApiEndpoints, 'authorize' | 'token' | 'revoke' | 'userinfo'>;
  clientId: string;
  /** Google issues one to desktop clients too; it is not a secret there, but the token endpoint wants it. */
  clientSecret?: string;
  clock?: Clock;
  timeoutMs?: number;
}

/**
 * OAuth 2.0 for an installed app (Google's rules): authorization code with PKCE S256
 * and a loopback redirect, refresh, revocation, and the userinfo that tells which
 * account signed in. Failures are AppErrors: `invalid_grant` is `session_expired`.
 */
export class OAuthClient {
  private readonly clock: Clock;
  private readonly timeoutMs: number;

  constructor(private readonly options: OAuthClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  get clientId(): string {
    return this.options.clientId;
  }

  buildAuthorizationUrl(request: AuthorizationRequest): string {
    if (request.scopes.length === 0) throw new AppError('invalid_argument', 'No scope requested.', { field: 'scopes' });
    return buildUrl(this.options.endpoints.authorize, {
      client_id: this.options.clientId,
      redirect_uri: request.redirectUri,
      response_type: 'code',
      scope: request.scopes.join(' '),
      state: request.state,
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
      access_type: 'offline',
      hd: request.hd,
      login_hint: request.loginHint,
      prompt: request.prompt,
    });
  }

  exchangeCode(
    params: { code: string; codeVerifier: string; redirectUri: string },
    options: { signal?: AbortSignal } = {},
  ): Promise<TokenResponse> {
    return this.tokenRequest(
      {
        grant_type: 'authorization_code',
        code: params.code,
        code_verifier: params.codeVerifier,
        redirect_uri: params.redirectUri,
      },
      options.signal,
    );
  }

  refreshAccessToken(refreshToken: string, options: { signal?: AbortSignal } = {}): Promise<TokenResponse> {
    return this.tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken }, options.signal);
  }

  /** Revokes a refresh (or access) token; revoking a token that is already dead is not an error. */
  async revoke(token: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    const response = await this.send(
      this.options.endpoints.revoke,
      { method: 'POST', headers: formHeaders(), body: new URLSearchParams({ token }).toString() },
      options.signal,
    );
    if (response.ok) return;
    const body = await readJson(response);
    const error = mapOAuthError(response.status, body);
    if (error.detail?.reason === 'invalid_token') return;
    throw error;
  }

  async getUserInfo(accessToken: string, options: { signal?: AbortSignal } = {}): Promise<UserInfo> {
    const response = await this.send(
      this.options.endpoints.userinfo,
      { method: 'GET', headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } },
      options.signal,
    );
    const body = await readJson(response);
    if (!response.ok) {
      if (response.status === 401) throw new AppError('session_expired', 'The sign-in is no longer valid.');
      throw mapOAuthError(response.status, body);
    }
    const info = body as Partial<UserInfo> | undefined;
    if (!info || typeof info.email !== 'string' || typeof info.sub !== 'string') {
      throw new AppError('internal', 'The user information sent by the server is incomplete.');
    }
    return info as UserInfo;
  }

  private async tokenRequest(fields: Record<string, string>, signal?: AbortSignal): Promise<TokenResponse> {
    const form = new URLSearchParams({ ...fields, client_id: this.options.clientId });
    if (this.options.clientSecret) form.set('client_secret', this.options.clientSecret);
    const response = await this.send(
      this.options.endpoints.token,
      { method: 'POST', headers: formHeaders(), body: form.toString() },
      signal,
    );
    const body = await readJson(response);
    if (!response.ok) throw mapOAuthError(response.status, body);
    const token = body as Partial<TokenResponse> | undefined;
    if (!token || typeof token.access_token !== 'string' || typeof token.expires_in !== 'number') {
      throw new AppError('internal', 'The token endpoint sent an incomplete answer.');
    }
    return token as TokenResponse;
  }

  private async send(url: string, init: RequestInit, callerSignal?: AbortSignal): Promise<Response> {
    const timeout = new AbortController();
    const timer = this.clock.setTimeout(
      () => timeout.abort(new DOMException('The sign-in server took too long to answer.', 'TimeoutError')),
      this.timeoutMs,
    );
    const signal = callerSignal ? AbortSignal.any([callerSignal, timeout.signal]) : timeout.signal;
    try {
      return await this.options.fetch(url, { ...init, signal });
    } catch (error) {
      throw mapNetworkError(error, { callerSignal, timedOut: timeout.signal.aborted });
    } finally {
      timer.cancel();
    }
  }
}

/** The scopes a token response says the grant holds (space-separated, RFC 6749 §5.1); none when absent. */
export function grantedScopes(response: Pick<TokenResponse, 'scope'>): string[] {
  return typeof response.scope === 'string' ? response.scope.split(/\s+/).filter((scope) => scope !== '') : [];
}

function formHeaders(): Record<string, string> {
  return { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
}

async function readJson(response: Response): Promise<unknown> {
  try {
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
