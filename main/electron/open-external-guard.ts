import type { OpenExternal } from '../core/ports';
import { AppError } from '../../shared/app-error';
import type { Logger } from '../core/ports';

export interface OpenExternalGuardOptions {
  /** shell.openExternal */
  openExternal: (url: string) => Promise<void>;
  /**
   * The OAuth authorization endpoint the app builds sign-in URLs for. In demo mode it is
   * the emulator's loopback http:// URL, the one non-https URL that may be opened, and
   * only at exactly that origin and path.
   */
  authorizeEndpoint: string;
  log: Pick<Logger, 'warn'>;
}

function originAndPath(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/** Decides whether `url` may leave the app for the system browser. */
export function isAllowedExternalUrl(url: string, authorizeEndpoint: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Credentials in a URL are a classic way to disguise its real host.
  if (parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.protocol === 'https:') return true;
  const authorize = new URL(authorizeEndpoint);
  return parsed.protocol === authorize.protocol && originAndPath(parsed) === originAndPath(authorize);
}

/** shell.openExternal for https URLs and the configured sign-in page only. */
export function createOpenExternalGuard(options: OpenExternalGuardOptions): OpenExternal {
  // Fail at start-up, not at the first sign-in, if the endpoint itself is malformed.
  new URL(options.authorizeEndpoint);
  return async (url) => {
    if (typeof url !== 'string' || !isAllowedExternalUrl(url, options.authorizeEndpoint)) {
      const shown = String(url).slice(0, 200);
      options.log.warn('Refused to open an external URL', { url: shown });
      throw new AppError('invalid_argument', `Partner Desk only opens https links, not ${shown}`, { field: 'url' });
    }
    await options.openExternal(url);
  };
}
