import { createHash } from 'node:crypto';
import { SCOPES } from '../../google-wire/google-types';
import { authenticate } from '../access';
import { ALL_SCOPES } from '../emulator-core';
import { jsonReply, readBody, readForm, type Reply } from '../http-io';
import { isValidPkceValue, verifierMatches } from '../oauth/pkce';
import { errorPage, SIGN_IN_CSP, signInPage } from '../oauth/sign-in-page';
import type { ApiRequest, Route } from '../route';
import { DEMO_OAUTH_CLIENT_ID } from '../seed/demo-accounts';

/** Scopes a token may be granted; anything else is invalid_scope. */
const KNOWN_SCOPES = new Set<string>([
  ...ALL_SCOPES,
  'profile',
  'https://www.googleapis.com/auth/userinfo.email',
  'https://www.googleapis.com/auth/userinfo.profile',
  'https://www.googleapis.com/auth/cloud-platform.read-only',
  'https://www.googleapis.com/auth/apps.order',
]);
const USERINFO_SCOPES = [
  SCOPES.openid,
  SCOPES.email,
  'profile',
  'https://www.googleapis.com/auth/userinfo.email',
  'https://www.googleapis.com/auth/userinfo.profile',
];

const SECURITY_HEADERS = {
  'Content-Security-Policy': SIGN_IN_CSP,
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
};

function html(status: number, body: string): Reply {
  return { status, headers: { 'Content-Type': 'text/html; charset=utf-8', ...SECURITY_HEADERS }, body };
}

function oauthError(status: number, error: string, description: string): Reply {
  return { status, headers: { 'Cache-Control': 'no-store' }, json: { error, error_description: description } };
}

/** Google's desktop-app rule: the redirect must go to a loopback address over http. */
function isLoopbackRedirect(uri: string): boolean {
  try {
    const url = new URL(uri);
    return (
      url.protocol === 'http:' &&
      (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]') &&
      url.hash === ''
    );
  } catch {
    return false;
  }
}

function redirect(target: string, params: Record<string, string | undefined>): Reply {
  const url = new URL(target);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return { status: 302, headers: { Location: url.toString(), 'Cache-Control': 'no-store' } };
}

/** GET /o/oauth2/v2/auth: validates the request like Google, then shows the account chooser. */
function authorizePage(request: ApiRequest): Reply {
  const q = request.url.searchParams;
  const clientId = q.get('client_id') ?? '';
  if (clientId !== DEMO_OAUTH_CLIENT_ID)
    return html(401, errorPage(401, 'invalid_client', `The OAuth client "${clientId}" was not found.`));
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!isLoopbackRedirect(redirectUri)) {
    return html(
      400,
      errorPage(
        400,
        'redirect_uri_mismatch',
        'Desktop apps must use a loopback redirect URI such as http://127.0.0.1:PORT.',
      ),
    );
  }
  if (q.get('response_type') !== 'code')
    return html(400, errorPage(400, 'invalid_request', 'response_type must be "code".'));
  const scopes = (q.get('scope') ?? '').split(/\s+/).filter((s) => s !== '');
  if (scopes.length === 0) return html(400, errorPage(400, 'invalid_request', 'Missing required parameter: scope.'));
  const unknown = scopes.find((s) => !KNOWN_SCOPES.has(s));
  if (unknown) return html(400, errorPage(400, 'invalid_scope', `Some requested scopes were invalid: ${unknown}.`));
  const codeChallenge = q.get('code_challenge') ?? '';
  if (!isValidPkceValue(codeChallenge))
    return html(400, errorPage(400, 'invalid_request', 'Missing or malformed code_challenge (PKCE is required).'));
  if (q.get('code_challenge_method') !== 'S256')
    return html(400, errorPage(400, 'invalid_request', 'code_challenge_method must be S256.'));
  const hd = q.get('hd') ?? undefined;
  const loginHint = q.get('login_hint') ?? undefined;
  const state = q.get('state') ?? undefined;
  const signInId = request.core.authorizationCodes.startSignIn({
    clientId,
    redirectUri,
    scopes,
    codeChallenge,
    ...(state !== undefined ? { state } : {}),
    ...(hd ? { hd } : {}),
    ...(loginHint ? { loginHint } : {}),
  });
  const { store } = request.core;
  return html(
    200,
    signInPage({
      signInId,
      accounts: store.allAccounts(),
      domains: store.domains,
      ...(hd ? { hd } : {}),
      ...(loginHint ? { loginHint } : {}),
    }),
  );
}

/** POST /o/oauth2/v2/auth/approve: the account chooser's form; redirects back to the app. */
async function approve(request: ApiRequest): Promise<Reply> {
  const form = await readForm(request.req);
  const signIn = request.core.authorizationCodes.finishSignIn(form.get('signin') ?? '');
  if (!signIn)
    return html(
      400,
      errorPage(
        400,
        'invalid_request',
        'This sign-in request has expired or was already used. Start the sign-in again from the app.',
      ),
    );
  if (form.get('action') === 'cancel')
    return redirect(signIn.redirectUri, { error: 'access_denied', state: signIn.state });
  const account = request.core.store.account(form.get('email') ?? '');
  if (!account) return html(400, errorPage(400, 'invalid_request', 'Unknown account.'));
  const code = request.core.authorizationCodes.issueCode(signIn, account.email);
  request.trace.tokenEmail = account.email;
  request.trace.tokenDomain = account.domain;
  return redirect(signIn.redirectUri, {
    state: signIn.state,
    code,
    scope: signIn.scopes.join(' '),
    authuser: '0',
    hd: account.domain,
    prompt: 'consent',
  });
}

async function readTokenRequest(request: ApiRequest): Promise<URLSearchParams> {
  const type = (request.req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('application/json')) {
    const raw = (await readBody(request.req, 64 * 1024)).toString('utf8');
    const params = new URLSearchParams();
    try {
      for (const [key, value] of Object.entries(JSON.parse(raw) as Record<string, unknown>))
        params.set(key, String(value));
    } catch {
      return new URLSearchParams();
    }
    return params;
  }
  return readForm(request.req);
}

/**
 * The client id of a token request: from HTTP Basic (RFC 6749 §2.3.1: form-urlencoded, then
 * base64) or the form. A Basic id that is not valid percent-encoding names no client: '' (invalid_client).
 */
function clientIdOf(request: ApiRequest, form: URLSearchParams): string {
  const basic = /^Basic\s+(\S+)$/i.exec(request.req.headers.authorization ?? '');
  if (!basic?.[1]) return form.get('client_id') ?? '';
  const encoded = Buffer.from(basic[1], 'base64').toString('utf8').split(':')[0] ?? '';
  try {
    return decodeURIComponent(encoded);
  } catch {
    return '';
  }
}

/** POST /token: authorization_code (PKCE S256, single use) and refresh_token grants. */
async function token(request: ApiRequest): Promise<Reply> {
  const form = await readTokenRequest(request);
  const clientId = clientIdOf(request, form);
  if (clientId !== DEMO_OAUTH_CLIENT_ID) return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
  const { authorizationCodes, tokens, clock, store } = request.core;
  const grantType = form.get('grant_type');
  if (grantType === 'authorization_code') {
    const code = authorizationCodes.code(form.get('code') ?? '');
    if (!code || code.clientId !== clientId) return oauthError(400, 'invalid_grant', 'Malformed auth code.');
    if (code.used) {
      if (code.issuedRefreshToken) tokens.revoke(code.issuedRefreshToken);
      return oauthError(400, 'invalid_grant', 'The authorization code was already used.');
    }
    if (clock.now() > code.expiresAt) return oauthError(400, 'invalid_grant', 'The authorization code has expired.');
    if (form.get('redirect_uri') !== code.redirectUri)
      return oauthError(400, 'invalid_grant', 'redirect_uri does not match the one of the authorization request.');
    const verifier = form.get('code_verifier');
    if (!verifier) return oauthError(400, 'invalid_grant', 'Missing code verifier.');
    if (!verifierMatches(verifier, code.codeChallenge))
      return oauthError(400, 'invalid_grant', 'Invalid code verifier.');
    code.used = true;
    const issued = tokens.issue(code.email, clientId, code.scopes);
    code.issuedRefreshToken = issued.refresh_token;
    const account = store.account(code.email);
    request.trace.tokenEmail = code.email;
    if (account) request.trace.tokenDomain = account.domain;
    return { status: 200, headers: { 'Cache-Control': 'no-store' }, json: { ...issued, token_type: 'Bearer' } };
  }
  if (grantType === 'refresh_token') {
    const refreshed = tokens.refreshAccess(form.get('refresh_token') ?? '', clientId);
    if (!refreshed) return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
    return { status: 200, headers: { 'Cache-Control': 'no-store' }, json: { ...refreshed, token_type: 'Bearer' } };
  }
  return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? '(missing)'}.`);
}

/** POST /revoke: the token in the form body or the query string. */
async function revoke(request: ApiRequest): Promise<Reply> {
  const form = await readForm(request.req);
  const value = form.get('token') ?? request.url.searchParams.get('token') ?? '';
  if (!request.core.tokens.revoke(value)) return oauthError(400, 'invalid_token', 'Token expired or revoked');
  return jsonReply({});
}

/** A stable numeric Google account id for a demo email. */
function subjectOf(email: string): string {
  const digest = createHash('sha256').update(email.toLowerCase()).digest();
  return `1${digest.readBigUInt64BE(0).toString().padStart(20, '0').slice(0, 20)}`;
}

function userinfo(request: ApiRequest): Reply {
  const account = authenticate(request, USERINFO_SCOPES);
  return jsonReply({
    sub: subjectOf(account.email),
    email: account.email,
    email_verified: true,
    hd: account.domain,
    name: account.displayName,
    given_name: account.displayName.split(' ')[0],
    family_name: account.displayName.split(' ').slice(1).join(' '),
    locale: account.language,
  });
}

export const oauthRoutes: Route[] = [
  { id: 'oauth.authorize', method: 'GET', pattern: /^\/o\/oauth2\/v2\/auth$/, kind: 'oauth', handle: authorizePage },
  { id: 'oauth.approve', method: 'POST', pattern: /^\/o\/oauth2\/v2\/auth\/approve$/, kind: 'oauth', handle: approve },
  { id: 'oauth.token', method: 'POST', pattern: /^\/token$/, kind: 'oauth', handle: token },
  { id: 'oauth.revoke', method: 'POST', pattern: /^\/revoke$/, kind: 'oauth', handle: revoke },
  { id: 'oauth.userinfo', method: 'GET', pattern: /^\/oauth2\/v3\/userinfo$/, kind: 'oauth', handle: userinfo },
  { id: 'oauth.userinfo', method: 'POST', pattern: /^\/oauth2\/v3\/userinfo$/, kind: 'oauth', handle: userinfo },
];
