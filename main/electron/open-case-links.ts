import { isCaseName } from '../core/api/resource-names';
import { isDomainName } from '../../shared/model/domain-name';
import { OPEN_LINK_SCHEME } from './app-identity';

/**
 * partnerdesk://open?domain=…&case=…&notification=… : what a notification click that
 * starts the app (a Windows toast from the Action Center, a macOS open-url) carries.
 * Anything on the machine can launch such a link, so it is parsed strictly and may do
 * no more than a click: focus the window, open a signed-in domain's tab and case.
 */
export interface OpenCaseLink {
  domain: string;
  /** The case, when the notification was about one. */
  name?: string;
  /** The notification clicked, when the link came from one of this app's toasts. */
  notificationId?: string;
}

/** Longer is not one of ours: a case name is 200 characters at most, a domain 253. */
const MAX_LINK_CHARS = 1024;
const NOTIFICATION_ID = /^[A-Za-z0-9:-]{1,100}$/;
const PARAMS = new Set(['domain', 'case', 'notification']);

export function openCaseLink(link: OpenCaseLink): string {
  const params = new URLSearchParams({ domain: link.domain });
  if (link.name !== undefined) params.set('case', link.name);
  if (link.notificationId !== undefined) params.set('notification', link.notificationId);
  return `${OPEN_LINK_SCHEME}://open?${params.toString()}`;
}

/** The link, when `value` is a well-formed one naming a domain of `signedIn`; otherwise null. */
export function parseOpenCaseLink(value: string, signedIn: readonly string[]): OpenCaseLink | null {
  if (value.length > MAX_LINK_CHARS) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== `${OPEN_LINK_SCHEME}:` || url.host !== 'open' || !['', '/'].includes(url.pathname)) return null;
  if (url.username || url.password || url.port || url.hash) return null;
  const keys = [...url.searchParams.keys()];
  if (keys.some((key) => !PARAMS.has(key)) || new Set(keys).size !== keys.length) return null;
  const domain = url.searchParams.get('domain');
  const name = url.searchParams.get('case');
  const notificationId = url.searchParams.get('notification');
  if (domain === null || !isDomainName(domain) || !signedIn.includes(domain)) return null;
  if (name !== null && !isCaseName(name)) return null;
  if (notificationId !== null && !NOTIFICATION_ID.test(notificationId)) return null;
  return {
    domain,
    ...(name !== null ? { name } : {}),
    ...(notificationId !== null ? { notificationId } : {}),
  };
}

/** The link among a process's arguments (Windows and Linux start the app with it), if any. */
export function findOpenCaseLink(argv: readonly string[]): string | undefined {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${OPEN_LINK_SCHEME}:`));
}
