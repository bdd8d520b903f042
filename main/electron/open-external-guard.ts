import type { OpenExternal } from '../core/ports';
import { AppError } from '../../shared/app-error';
import { allAdminConsoleUrls, allGoogleHelpUrls, GOOGLE_CLOUD_CREDENTIALS_URL } from '../../shared/external-links';
import { SIGN_IN_SCOPES } from '../core/accounts/sign-in-flow';
import type { Logger } from '../core/ports';

export interface OpenExternalGuardOptions {
  /** shell.openExternal */
  openExternal: (url: string) => Promise<void>;
  /**
   * The OAuth authorization endpoint the app builds sign-in URLs for. In demo mode it is
   * the emulator's loopback http:// URL.
   */
  authorizeEndpoint: string;
  log: Pick<Logger, 'warn'>;
}

/** The query the sign-in flow sends (OAuthClient.buildAuthorizationUrl): nothing else may ride along. */
const AUTHORIZE_REQUIRED = ['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'code_challenge'];
const AUTHORIZE_OPTIONAL = ['code_challenge_method', 'access_type', 'hd', 'login_hint', 'prompt'];
const AUTHORIZE_KEYS = new Set([...AUTHORIZE_REQUIRED, ...AUTHORIZE_OPTIONAL]);
const SIGN_IN_SCOPE_SET = new Set<string>(SIGN_IN_SCOPES);
/** The loopback listener the code comes back to: a forged URL must not send the code anywhere else. */
const LOOPBACK_REDIRECT = /^http:\/\/127\.0\.0\.1:\d{1,5}$/;

/**
 * A sign-in URL exactly as the app builds it: the configured endpoint, then only the
 * flow's parameters, each once, with a code response, PKCE S256, the sign-in scopes and
 * the app's loopback redirect.
 */
function isAuthorizationUrl(url: string, parsed: URL, authorizeEndpoint: string): boolean {
  if (!url.startsWith(`${authorizeEndpoint}?`) || parsed.hash !== '') return false;
  const params = parsed.searchParams;
  // The app serializes its query with URLSearchParams: a differently encoded key or value was not built here.
  if (parsed.search !== `?${params.toString()}`) return false;
  const keys = [...params.keys()];
  if (new Set(keys).size !== keys.length || !keys.every((key) => AUTHORIZE_KEYS.has(key))) return false;
  if (!AUTHORIZE_REQUIRED.every((key) => params.has(key))) return false;
  if (params.get('response_type') !== 'code') return false;
  if (params.has('code_challenge_method') && params.get('code_challenge_method') !== 'S256') return false;
  if (!LOOPBACK_REDIRECT.test(params.get('redirect_uri') ?? '')) return false;
  const scopes = (params.get('scope') ?? '').split(' ');
  return scopes.every((scope) => SIGN_IN_SCOPE_SET.has(scope));
}

/**
 * Decides whether `url` may leave the app for the system browser: only the URLs the app
 * builds — its sign-in page with the flow's query, and Google's help pages, the Admin
 * console pages and the Cloud console Credentials page from shared/external-links.ts,
 * compared as exact strings. Anything else (another host or path, http, credentials,
 * javascript:, data:, encoded look-alikes) is refused.
 */
export function isAllowedExternalUrl(url: string, authorizeEndpoint: string): boolean {
  if (
    url === GOOGLE_CLOUD_CREDENTIALS_URL ||
    allGoogleHelpUrls().includes(url) ||
    allAdminConsoleUrls().includes(url)
  ) {
    return true;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // The app builds canonical URLs; one the parser rewrites (stripped tabs, backslashes,
  // dot segments, a case-folded or encoded host) was not built by the app.
  if (parsed.href !== url) return false;
  // Credentials in a URL are a classic way to disguise its real host.
  if (parsed.username !== '' || parsed.password !== '') return false;
  return isAuthorizationUrl(url, parsed, authorizeEndpoint);
}

/** shell.openExternal for the URLs the app builds only; others are logged and refused. */
export function createOpenExternalGuard(options: OpenExternalGuardOptions): OpenExternal {
  // Fail at start-up, not at the first sign-in, if the endpoint itself is malformed.
  new URL(options.authorizeEndpoint);
  return async (url) => {
    if (typeof url !== 'string' || !isAllowedExternalUrl(url, options.authorizeEndpoint)) {
      const shown = String(url).slice(0, 200);
      options.log.warn('Refused to open an external URL', { url: shown });
      throw new AppError(
        'invalid_argument',
        `Partner Desk only opens its sign-in page and Google's help and console pages, not ${shown}`,
        { field: 'url' },
      );
    }
    await options.openExternal(url);
  };
}
