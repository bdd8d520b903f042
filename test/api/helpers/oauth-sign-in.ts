import { OAuthClient, createOAuthState, createPkcePair, type PkcePair } from '../../../main/core/api/oauth-client';
import { SCOPES, type ApiEndpoints, type TokenResponse } from '../../../main/core/api/google-types';

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
  const page = await fetch(authorizationUrl);
  if (!page.ok) throw new Error(`Sign-in page answered ${page.status}: ${await page.text()}`);
  const form = parseSignInForm(await page.text(), authorizationUrl);
  form.fields.set('email', email);
  const approved = await fetch(form.action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.fields.toString(),
    redirect: 'manual',
  });
  const location = approved.headers.get('location');
  if (approved.status !== 302 || !location) {
    throw new Error(`Approving the sign-in answered ${approved.status}: ${await approved.text()}`);
  }
  const redirect = new URL(location);
  const code = redirect.searchParams.get('code');
  if (!code) throw new Error(`The redirect carries no code: ${location}`);
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

/** The sign-in form: its action and hidden fields (the email comes from the button pressed). */
function parseSignInForm(html: string, pageUrl: string): { action: string; fields: URLSearchParams } {
  const formTag = /<form\b[^>]*>/i.exec(html)?.[0];
  if (!formTag) throw new Error('The sign-in page has no form.');
  const action = new URL(decodeHtml(attribute(formTag, 'action') ?? ''), pageUrl).toString();
  const fields = new URLSearchParams();
  for (const [input] of html.matchAll(/<input\b[^>]*>/gi)) {
    if (attribute(input, 'type')?.toLowerCase() !== 'hidden') continue;
    const name = attribute(input, 'name');
    if (name) fields.set(decodeHtml(name), decodeHtml(attribute(input, 'value') ?? ''));
  }
  return { action, fields };
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? (match[2] ?? match[3] ?? match[4]) : undefined;
}

function decodeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
