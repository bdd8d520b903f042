import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenResponse, UserInfo } from '../../main/google-wire/google-types';
import {
  DEMO_OAUTH_CLIENT_ID,
  DEMO_USERS,
  LUMIERE_DOMAIN,
  NORTHWIND_DOMAIN,
  type RunningEmulator,
} from '../../main/emulator';
import { errorInfoOf, startTestEmulator, type RpcErrorBody } from './helpers/emulator-kit';

const REDIRECT = 'http://127.0.0.1:45678/callback';
const SCOPE =
  'openid email https://www.googleapis.com/auth/cloud-platform https://www.googleapis.com/auth/apps.order.readonly';

function pkce() {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

describe('OAuth 2.0 for a desktop app', () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startTestEmulator({ accessTokenTtlSec: 600 });
  });
  afterAll(() => emulator.close());

  function authorizeUrl(params: Record<string, string>): string {
    const url = new URL(emulator.endpoints.authorize);
    const defaults = {
      client_id: DEMO_OAUTH_CLIENT_ID,
      redirect_uri: REDIRECT,
      response_type: 'code',
      scope: SCOPE,
      state: 'st-123',
    };
    for (const [key, value] of Object.entries({ ...defaults, ...params }))
      if (value !== '') url.searchParams.set(key, value);
    return url.toString();
  }

  /** Opens the sign-in page and presses the button of `email` (or Cancel), like a user would. */
  async function signIn(email: string | 'cancel', params: Record<string, string>): Promise<URL> {
    const page = await fetch(authorizeUrl(params));
    expect(page.status).toBe(200);
    const html = await page.text();
    const signInId = /name="signin" value="([^"]+)"/.exec(html)?.[1];
    expect(signInId).toBeTruthy();
    const form = new URLSearchParams({ signin: signInId! });
    if (email === 'cancel') form.set('action', 'cancel');
    else form.set('email', email);
    const approved = await fetch(`${emulator.url}/o/oauth2/v2/auth/approve`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    expect(approved.status).toBe(302);
    return new URL(approved.headers.get('location')!);
  }

  async function exchange(fields: Record<string, string>) {
    const response = await fetch(emulator.endpoints.token, {
      method: 'POST',
      body: new URLSearchParams({ client_id: DEMO_OAUTH_CLIENT_ID, ...fields }),
    });
    return { status: response.status, json: (await response.json()) as TokenResponse & { error?: string } };
  }

  it('serves an accessible, script-free sign-in page listing the requested domain’s users, hinted one first', async () => {
    const response = await fetch(
      authorizeUrl({
        code_challenge: pkce().challenge,
        code_challenge_method: 'S256',
        hd: NORTHWIND_DOMAIN,
        login_hint: DEMO_USERS.sam,
      }),
    );
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await response.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<html lang="en">');
    const buttons = [...html.matchAll(/name="email" value="([^"]+)"/g)].map((m) => m[1]);
    expect(buttons).toEqual([DEMO_USERS.sam, DEMO_USERS.alex]);
    expect(html).toMatch(new RegExp(`value="${DEMO_USERS.sam.replace('.', '\\.')}" autofocus`));
  });

  it('words the page in French for the French domain', async () => {
    const html = await (
      await fetch(authorizeUrl({ code_challenge: pkce().challenge, code_challenge_method: 'S256', hd: LUMIERE_DOMAIN }))
    ).text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Choisissez un compte');
    expect([...html.matchAll(/name="email" value="([^"]+)"/g)].map((m) => m[1])).toEqual([
      DEMO_USERS.claire,
      DEMO_USERS.hugo,
    ]);
  });

  it('lists every domain’s users without hd', async () => {
    const html = await (
      await fetch(authorizeUrl({ code_challenge: pkce().challenge, code_challenge_method: 'S256' }))
    ).text();
    expect(html).toContain(NORTHWIND_DOMAIN);
    expect(html).toContain(LUMIERE_DOMAIN);
    expect([...html.matchAll(/name="email"/g)]).toHaveLength(4);
  });

  it('runs the PKCE flow: code, tokens, userinfo, refresh, revoke', async () => {
    const { verifier, challenge } = pkce();
    const redirect = await signIn(DEMO_USERS.claire, {
      code_challenge: challenge,
      code_challenge_method: 'S256',
      hd: LUMIERE_DOMAIN,
    });
    expect(`${redirect.origin}${redirect.pathname}`).toBe(REDIRECT);
    expect(redirect.searchParams.get('state')).toBe('st-123');
    const code = redirect.searchParams.get('code')!;

    const first = await exchange({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: REDIRECT,
    });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ token_type: 'Bearer', expires_in: 600, scope: SCOPE });
    expect(first.json.refresh_token).toBeTruthy();

    const info = await fetch(emulator.endpoints.userinfo, {
      headers: { Authorization: `Bearer ${first.json.access_token}` },
    });
    expect((await info.json()) as UserInfo).toMatchObject({
      email: DEMO_USERS.claire,
      email_verified: true,
      hd: LUMIERE_DOMAIN,
      locale: 'fr',
      name: 'Claire Dubois',
    });

    const reused = await exchange({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: REDIRECT,
    });
    expect(reused.status).toBe(400);
    expect(reused.json.error).toBe('invalid_grant');

    // Replaying a code revokes what it issued (RFC 6749 §4.1.2).
    const afterReplay = await exchange({ grant_type: 'refresh_token', refresh_token: first.json.refresh_token! });
    expect(afterReplay.json.error).toBe('invalid_grant');
  });

  it('refreshes, and revoking the refresh token kills it and its access tokens', async () => {
    const { verifier, challenge } = pkce();
    const code = (
      await signIn(DEMO_USERS.alex, { code_challenge: challenge, code_challenge_method: 'S256' })
    ).searchParams.get('code')!;
    const tokens = (
      await exchange({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT })
    ).json;
    const refreshed = await exchange({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.access_token).not.toBe(tokens.access_token);
    expect(refreshed.json.refresh_token).toBeUndefined();

    const revoked = await fetch(emulator.endpoints.revoke, {
      method: 'POST',
      body: new URLSearchParams({ token: tokens.refresh_token! }),
    });
    expect(revoked.status).toBe(200);
    expect((await exchange({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! })).json.error).toBe(
      'invalid_grant',
    );
    const api = await fetch(`${emulator.url}/apps/reseller/v1/subscriptions`, {
      headers: { Authorization: `Bearer ${refreshed.json.access_token}` },
    });
    expect(api.status).toBe(401);
    const unknown = await fetch(`${emulator.endpoints.revoke}?token=nope`, { method: 'POST' });
    expect(unknown.status).toBe(400);
  });

  it('refuses a wrong verifier, another redirect URI, an unknown client and an unknown grant', async () => {
    const { verifier, challenge } = pkce();
    const code = (
      await signIn(DEMO_USERS.alex, { code_challenge: challenge, code_challenge_method: 'S256' })
    ).searchParams.get('code')!;
    expect(
      (
        await exchange({
          grant_type: 'authorization_code',
          code,
          code_verifier: pkce().verifier,
          redirect_uri: REDIRECT,
        })
      ).json.error,
    ).toBe('invalid_grant');
    expect(
      (
        await exchange({
          grant_type: 'authorization_code',
          code,
          code_verifier: verifier,
          redirect_uri: 'http://127.0.0.1:1/other',
        })
      ).json.error,
    ).toBe('invalid_grant');
    expect((await exchange({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT })).json.error).toBe(
      'invalid_grant',
    );
    const wrongClient = await fetch(emulator.endpoints.token, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: 'other.apps.googleusercontent.com',
        grant_type: 'authorization_code',
        code,
      }),
    });
    expect(wrongClient.status).toBe(401);
    expect(((await wrongClient.json()) as { error: string }).error).toBe('invalid_client');
    expect((await exchange({ grant_type: 'password' })).json.error).toBe('unsupported_grant_type');
    // The code survived the failed attempts and still works once.
    expect(
      (await exchange({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT }))
        .status,
    ).toBe(200);
  });

  it('grants only the requested scopes: an email-only token cannot call Cloud Support', async () => {
    const { verifier, challenge } = pkce();
    const code = (
      await signIn(DEMO_USERS.alex, { code_challenge: challenge, code_challenge_method: 'S256', scope: 'openid email' })
    ).searchParams.get('code')!;
    const tokens = (
      await exchange({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT })
    ).json;
    expect(tokens.scope).toBe('openid email');
    const auth = { headers: { Authorization: `Bearer ${tokens.access_token}` } };
    expect((await fetch(emulator.endpoints.userinfo, auth)).status).toBe(200);
    const refused = await fetch(`${emulator.url}/v2/caseClassifications:search`, auth);
    expect(refused.status).toBe(403);
    expect(errorInfoOf(await refused.json())?.reason).toBe('ACCESS_TOKEN_SCOPE_INSUFFICIENT');
  });

  it('redirects with access_denied on Cancel', async () => {
    const redirect = await signIn('cancel', { code_challenge: pkce().challenge, code_challenge_method: 'S256' });
    expect(redirect.searchParams.get('error')).toBe('access_denied');
    expect(redirect.searchParams.get('state')).toBe('st-123');
    expect(redirect.searchParams.get('code')).toBeNull();
  });

  it.each([
    [{ client_id: 'unknown.apps.googleusercontent.com' }, 401, 'invalid_client'],
    [{ redirect_uri: 'https://evil.example/callback' }, 400, 'redirect_uri_mismatch'],
    [{ code_challenge: '' }, 400, 'code_challenge'],
    [{ code_challenge_method: 'plain' }, 400, 'S256'],
    [{ response_type: 'token' }, 400, 'response_type'],
    [{ scope: 'https://www.googleapis.com/auth/drive' }, 400, 'invalid_scope'],
  ])('shows an error page without redirecting for %j', async (override, status, text) => {
    const response = await fetch(
      authorizeUrl({ code_challenge: pkce().challenge, code_challenge_method: 'S256', ...override }),
      { redirect: 'manual' },
    );
    expect(response.status).toBe(status);
    expect(await response.text()).toContain(text);
  });

  it('expires access tokens on the emulator clock, and refresh brings a working one', async () => {
    const tokens = emulator.control.issueTokens(DEMO_USERS.alex);
    const call = (token: string) =>
      fetch(`${emulator.url}/apps/reseller/v1/subscriptions`, { headers: { Authorization: `Bearer ${token}` } });
    expect((await call(tokens.access_token)).status).toBe(200);
    emulator.control.clock.advance(600_000);
    const expired = await call(tokens.access_token);
    expect(expired.status).toBe(401);
    const body = (await expired.json()) as RpcErrorBody;
    expect(body.error.status).toBe('UNAUTHENTICATED');
    expect(errorInfoOf(body)?.reason).toBe('ACCESS_TOKEN_EXPIRED');
    const refreshed = await exchange({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect((await call(refreshed.json.access_token)).status).toBe(200);
  });

  it('answers invalid_grant after an admin revokes the user', async () => {
    const tokens = emulator.control.issueTokens(DEMO_USERS.hugo);
    emulator.control.revokeUserTokens(DEMO_USERS.hugo);
    expect((await exchange({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).json.error).toBe(
      'invalid_grant',
    );
  });

  it('answers 401 without a bearer token', async () => {
    const response = await fetch(`${emulator.url}/apps/reseller/v1/subscriptions`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
  });
});
