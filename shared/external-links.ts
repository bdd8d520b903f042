import { UI_LANGUAGES, type UiLanguage } from './i18n/resolve-language';

/**
 * Google's help pages the app links to, by name: every help link is built from this list,
 * and main's open-external guard accepts exactly the URLs built from it (one per page and
 * language), so adding a link means adding its page here.
 */
export const GOOGLE_HELP_PAGES = {
  /** "Support for Google Workspace resellers", the seed of this app. */
  resellerSupport: '/channelservices/answer/6182474',
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
 * Google Cloud console's Credentials page, where a partner creates the Desktop OAuth
 * client Partner Desk signs in with (Settings › Google connection links to it).
 */
export const GOOGLE_CLOUD_CREDENTIALS_URL = 'https://console.cloud.google.com/apis/credentials';
