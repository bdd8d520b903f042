import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/app-error';
import {
  ADMIN_CONSOLE_PAGES,
  adminConsoleUrl,
  allAdminConsoleUrls,
  allGoogleHelpUrls,
  GOOGLE_CLOUD_CREDENTIALS_URL,
  GOOGLE_HELP_PAGES,
  googleHelpUrl,
} from '../../shared/external-links';
import { UI_LANGUAGES } from '../../shared/i18n/resolve-language';
import { createOpenExternalGuard, isAllowedExternalUrl } from '../../main/electron/open-external-guard';
import { OAuthClient, createOAuthState, createPkcePair } from '../../main/core/api/oauth-client';
import { SIGN_IN_SCOPES } from '../../main/core/accounts/sign-in-flow';
import { silentLog } from './silent-log';

const DEMO_AUTHORIZE = 'http://127.0.0.1:43123/o/oauth2/v2/auth';
const GOOGLE_AUTHORIZE = 'https://accounts.google.com/o/oauth2/v2/auth';
const HELP = googleHelpUrl('resellerSupport', 'fr');

function guard(authorizeEndpoint = GOOGLE_AUTHORIZE) {
  const opened: string[] = [];
  const log = silentLog();
  const openExternal = createOpenExternalGuard({
    openExternal: async (url) => {
      opened.push(url);
    },
    authorizeEndpoint,
    log,
  });
  return { openExternal, opened, log };
}

/** A sign-in URL built by the app's own OAuth client, as the sign-in flow builds it. */
async function signInUrl(authorize: string, extra: { hd?: string; loginHint?: string } = {}): Promise<string> {
  const client = new OAuthClient({
    fetch: vi.fn(),
    endpoints: { authorize, token: 'https://t.example/', revoke: 'https://r.example/', userinfo: 'https://u.example/' },
    clientId: '1234-abc.apps.googleusercontent.com',
  });
  return client.buildAuthorizationUrl({
    redirectUri: 'http://127.0.0.1:51234',
    scopes: SIGN_IN_SCOPES,
    state: createOAuthState(),
    codeChallenge: (await createPkcePair()).challenge,
    prompt: 'consent',
    ...extra,
  });
}

/** The same URL with one query parameter replaced (or removed with `undefined`). */
function withParam(url: string, key: string, value: string | undefined): string {
  const parsed = new URL(url);
  if (value === undefined) parsed.searchParams.delete(key);
  else parsed.searchParams.set(key, value);
  return parsed.href;
}

describe('open-external guard', () => {
  it("opens the app's sign-in URLs, against Google and against the demo emulator's loopback", async () => {
    const { openExternal, opened } = guard(GOOGLE_AUTHORIZE);
    const urls = [
      await signInUrl(GOOGLE_AUTHORIZE, { hd: 'northwind-reseller.example', loginHint: 'alex@northwind.example' }),
      await signInUrl(GOOGLE_AUTHORIZE),
    ];
    for (const url of urls) await openExternal(url);
    expect(opened).toEqual(urls);
    const demo = await signInUrl(DEMO_AUTHORIZE, { hd: 'northwind-reseller.example' });
    expect(isAllowedExternalUrl(demo, DEMO_AUTHORIZE)).toBe(true);
    expect(isAllowedExternalUrl(demo, GOOGLE_AUTHORIZE)).toBe(false);
  });

  it('opens every Google help page of the shared list, in each language', async () => {
    const { openExternal, opened } = guard();
    const urls = allGoogleHelpUrls();
    expect(urls).toHaveLength(Object.keys(GOOGLE_HELP_PAGES).length * UI_LANGUAGES.length);
    for (const url of urls) await openExternal(url);
    expect(opened).toEqual(urls);
  });

  it("opens the Cloud console's Credentials page, in demo mode too", async () => {
    for (const authorize of [GOOGLE_AUTHORIZE, DEMO_AUTHORIZE]) {
      const { openExternal, opened } = guard(authorize);
      await openExternal(GOOGLE_CLOUD_CREDENTIALS_URL);
      expect(opened).toEqual([GOOGLE_CLOUD_CREDENTIALS_URL]);
    }
  });

  it.each([
    ['another project', `${GOOGLE_CLOUD_CREDENTIALS_URL}?project=evil`],
    ['another console page', GOOGLE_CLOUD_CREDENTIALS_URL.replace('/credentials', '/library')],
    ['a trailing slash', `${GOOGLE_CLOUD_CREDENTIALS_URL}/`],
    ['http', GOOGLE_CLOUD_CREDENTIALS_URL.replace('https:', 'http:')],
    ['a look-alike host', GOOGLE_CLOUD_CREDENTIALS_URL.replace('cloud.google.com', 'cloud.google.com.evil.example')],
    ['userinfo before the host', GOOGLE_CLOUD_CREDENTIALS_URL.replace('https://', 'https://console.cloud.google.com@')],
  ])('refuses a console URL with %s', (_what, url) => {
    expect(isAllowedExternalUrl(url, GOOGLE_AUTHORIZE), url).toBe(false);
  });

  it.each([
    ['another help page', 'https://support.google.com/channelservices/answer/9999999?hl=fr'],
    ['another language', HELP.replace('hl=fr', 'hl=de')],
    ['an extra parameter', `${HELP}&continue=https://evil.example`],
    ['a fragment', `${HELP}#x`],
    ['http', HELP.replace('https:', 'http:')],
    ['another host', HELP.replace('support.google.com', 'support.google.com.evil.example')],
    ['a look-alike host', HELP.replace('support.google.com', 'support.goog1e.com')],
    ['userinfo before the host', HELP.replace('https://', 'https://support.google.com@')],
    ['a port', HELP.replace('google.com/', 'google.com:443/')],
    ['an upper-case host', HELP.replace('support.google.com', 'SUPPORT.google.com')],
    ['an encoded path', HELP.replace('/answer/', '/%61nswer/')],
    ['a dot segment', HELP.replace('/answer/', '/x/../answer/')],
    ['a backslash', HELP.replace('/channelservices', '\\channelservices')],
    ['a tab the parser strips', HELP.replace('support', 'sup\tport')],
    ['trailing space', `${HELP} `],
  ])('refuses a help URL with %s', (_what, url) => {
    expect(isAllowedExternalUrl(url, GOOGLE_AUTHORIZE), url).toBe(false);
  });

  it('opens every Admin console page of the shared list, as the Diagnostics remedies link them', async () => {
    const { openExternal, opened } = guard();
    const urls = allAdminConsoleUrls();
    expect(urls).toHaveLength(Object.keys(ADMIN_CONSOLE_PAGES).length);
    expect(urls).toContain('https://admin.google.com/ac/roles');
    for (const url of urls) await openExternal(url);
    expect(opened).toEqual(urls);
  });

  const ROLES = adminConsoleUrl('adminRoles');
  it.each([
    ['another console page', 'https://admin.google.com/ac/security'],
    ['a console page under a listed one', `${ROLES}/123`],
    ['a trailing slash', `${ROLES}/`],
    ['a query', `${ROLES}?continue=https://evil.example`],
    ['a fragment', `${ROLES}#x`],
    ['http', ROLES.replace('https:', 'http:')],
    ['another host', ROLES.replace('admin.google.com', 'admin.google.com.evil.example')],
    ['userinfo before the host', ROLES.replace('https://', 'https://admin.google.com@')],
    ['a port', ROLES.replace('google.com/', 'google.com:443/')],
    ['an upper-case host', ROLES.replace('admin.google.com', 'ADMIN.google.com')],
    ['an encoded path', ROLES.replace('/roles', '/%72oles')],
    ['a dot segment', ROLES.replace('/ac/', '/ac/x/../')],
    ['trailing space', `${ROLES} `],
  ])('refuses an Admin console URL with %s', (_what, url) => {
    expect(isAllowedExternalUrl(url, GOOGLE_AUTHORIZE), url).toBe(false);
  });

  it('refuses sign-in URLs the app did not build', async () => {
    const url = await signInUrl(GOOGLE_AUTHORIZE, { hd: 'northwind-reseller.example' });
    const query = url.slice(GOOGLE_AUTHORIZE.length);
    const nearMisses = [
      GOOGLE_AUTHORIZE,
      `${GOOGLE_AUTHORIZE}?`,
      `${url}#frag`,
      `${url}&evil=1`,
      `${url}&state=again`,
      // Characters the URL parser strips or re-encodes: not a URL the app built.
      `${url}\n`,
      url.replace('&state=', '&\tstate='),
      url.replace('&scope=', '&sc%6Fpe='),
      `https://accounts.google.com/o/oauth2/v2/authx${query}`,
      `https://accounts.google.com/o/oauth2/v2/auth/${query}`,
      `https://accounts.google.com/o/oauth2/v2/auth/../auth${query}`,
      `https://accounts.google.com.evil.example/o/oauth2/v2/auth${query}`,
      `https://evil.example@accounts.google.com/o/oauth2/v2/auth${query}`,
      `https://accounts.google.com:8443/o/oauth2/v2/auth${query}`,
      `http://accounts.google.com/o/oauth2/v2/auth${query}`,
      `https://accounts.google.com/o/oauth2/v2/%61uth${query}`,
      withParam(url, 'redirect_uri', 'https://evil.example/callback'),
      withParam(url, 'redirect_uri', 'http://127.0.0.1:51234/elsewhere'),
      withParam(url, 'redirect_uri', 'http://127.0.0.1.evil.example:51234'),
      withParam(url, 'redirect_uri', 'http://localhost:51234'),
      withParam(url, 'redirect_uri', undefined),
      withParam(url, 'response_type', 'token'),
      withParam(url, 'code_challenge_method', 'plain'),
      withParam(url, 'code_challenge', undefined),
      withParam(url, 'state', undefined),
      withParam(url, 'scope', `${SIGN_IN_SCOPES.join(' ')} https://www.googleapis.com/auth/gmail.readonly`),
      withParam(url, 'scope', ''),
    ];
    for (const nearMiss of nearMisses) {
      expect(isAllowedExternalUrl(nearMiss, GOOGLE_AUTHORIZE), nearMiss).toBe(false);
    }
    // The demo endpoint: only its own loopback origin and path.
    const demoQuery = (await signInUrl(DEMO_AUTHORIZE)).slice(DEMO_AUTHORIZE.length);
    for (const demoMiss of [
      `http://127.0.0.1:43123/token${demoQuery}`,
      `http://127.0.0.1:43124/o/oauth2/v2/auth${demoQuery}`,
      `http://localhost:43123/o/oauth2/v2/auth${demoQuery}`,
      `https://127.0.0.1:43123/o/oauth2/v2/auth${demoQuery}`,
    ]) {
      expect(isAllowedExternalUrl(demoMiss, DEMO_AUTHORIZE), demoMiss).toBe(false);
    }
  });

  it.each([
    'https://example.com/',
    'https://support.google.com/',
    'https://admin.google.com/',
    'http://example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    `javascript:location='${HELP}'`,
    'data:text/html,<script>alert(1)</script>',
    `data:text/plain,${HELP}`,
    'smb://attacker.example/share',
    'ms-msdt:/id PCWDiagnostic',
    'vbscript:msgbox',
    'app://partner-desk/index.html',
    'https://user:pass@evil.example/',
    'not a url',
    '',
  ])('refuses %s with a clear error, logs it, and opens nothing', async (url) => {
    const { openExternal, opened, log } = guard();
    const error = await openExternal(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_argument');
    expect((error as AppError).message).toMatch(/only opens its sign-in page and Google's help and console pages/);
    expect(opened).toEqual([]);
    expect(log.warn).toHaveBeenCalledWith('Refused to open an external URL', { url: url.slice(0, 200) });
  });

  it('refuses non-strings without throwing synchronously', async () => {
    const { openExternal, opened } = guard();
    await expect(openExternal(42 as unknown as string)).rejects.toBeInstanceOf(AppError);
    expect(opened).toEqual([]);
  });

  it('rejects a malformed authorize endpoint at construction', () => {
    expect(() =>
      createOpenExternalGuard({ openExternal: vi.fn(), authorizeEndpoint: 'nope', log: silentLog() }),
    ).toThrow();
  });
});
