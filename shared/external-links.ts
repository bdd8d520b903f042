import { UI_LANGUAGES, type UiLanguage } from './i18n/resolve-language';

/**
 * Google's help pages the app links to, by name: every help link is built from this list,
 * and main's open-external guard accepts exactly the URLs built from it (one per page and
 * language), so adding a link means adding its page here.
 */
export const GOOGLE_HELP_PAGES = {
  /** "Support for Google Workspace resellers", the seed of this app (its multi-domain partners section too). */
  resellerSupport: '/channelservices/answer/6182474',
  /** "Assign Google Workspace reseller admin privileges", which the seed links to for the roles. */
  resellerAdminPrivileges: '/channelservices/answer/9749959',
  /** "Change a reseller's access to your account", the customer's side, cited by the seed. */
  resellerAccess: '/a/answer/114840',
  /** "What is Cloud Identity?", the seed's "learn more about Cloud Identity accounts". */
  cloudIdentity: '/cloudidentity/answer/7319251',
} as const;

export type GoogleHelpPage = keyof typeof GOOGLE_HELP_PAGES;

const GOOGLE_HELP_ORIGIN = 'https://support.google.com';

/** A help page in the app's language (Google's `hl` parameter). */
export function googleHelpUrl(page: GoogleHelpPage, language: UiLanguage): string {
  return `${GOOGLE_HELP_ORIGIN}${GOOGLE_HELP_PAGES[page]}?hl=${language}`;
}

/** Every help URL the app can build: a handful of strings, compared exactly. */
export function allGoogleHelpUrls(): string[] {
  return (Object.keys(GOOGLE_HELP_PAGES) as GoogleHelpPage[]).flatMap((page) =>
    UI_LANGUAGES.map((language) => googleHelpUrl(page, language)),
  );
}

/**
 * Pages of the reseller's own Google Admin console the Diagnostics remedies link to: the
 * seed's "Account › Admin roles" (where a super admin assigns the Reseller admin role) and
 * the users list (where Cloud Identity accounts are created). Same rule as the help pages:
 * the guard opens exactly these strings.
 */
export const ADMIN_CONSOLE_PAGES = {
  adminRoles: '/ac/roles',
  users: '/ac/users',
} as const;

export type AdminConsolePage = keyof typeof ADMIN_CONSOLE_PAGES;

const ADMIN_CONSOLE_ORIGIN = 'https://admin.google.com';

export function adminConsoleUrl(page: AdminConsolePage): string {
  return `${ADMIN_CONSOLE_ORIGIN}${ADMIN_CONSOLE_PAGES[page]}`;
}

export function allAdminConsoleUrls(): string[] {
  return (Object.keys(ADMIN_CONSOLE_PAGES) as AdminConsolePage[]).map(adminConsoleUrl);
}

/**
 * Google Cloud console's Credentials page, where a partner creates the Desktop OAuth
 * client Partner Desk signs in with (Settings › Google connection links to it).
 */
export const GOOGLE_CLOUD_CREDENTIALS_URL = 'https://console.cloud.google.com/apis/credentials';
