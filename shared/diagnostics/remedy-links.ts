import { adminConsoleUrl, googleHelpUrl, type AdminConsolePage, type GoogleHelpPage } from '../external-links';
import type { UiLanguage } from '../i18n/resolve-language';
import type { Remedy } from '../model/diagnostics';

/** A page a remedy points to: one of Google's help pages, or a page of the reseller's Admin console. */
export type RemedyLink = { kind: 'help'; page: GoogleHelpPage } | { kind: 'adminConsole'; page: AdminConsolePage };

/**
 * Where each of the seed's remedies is explained or done. The Diagnostics page and the
 * copied report both list these; main's open-external guard opens exactly their URLs.
 */
export const REMEDY_LINKS: Readonly<Record<Remedy, readonly RemedyLink[]>> = {
  reseller_admin_role: [
    { kind: 'help', page: 'resellerAdminPrivileges' },
    { kind: 'adminConsole', page: 'adminRoles' },
  ],
  custom_role_privileges: [],
  customer_grants_access: [{ kind: 'help', page: 'resellerAccess' }],
  cloud_identity: [
    { kind: 'help', page: 'resellerSupport' },
    { kind: 'help', page: 'cloudIdentity' },
    { kind: 'adminConsole', page: 'users' },
  ],
  sign_in_again: [],
  check_network: [],
  wait_quota: [],
};

export function remedyLinkUrl(link: RemedyLink, language: UiLanguage): string {
  return link.kind === 'help' ? googleHelpUrl(link.page, language) : adminConsoleUrl(link.page);
}

/** The catalog key of a link's label (diagnostics.links.*). */
export function remedyLinkLabelKey(link: RemedyLink): `diagnostics.links.${GoogleHelpPage | AdminConsolePage}` {
  return `diagnostics.links.${link.page}`;
}

/** The privileges a custom role needs (the seed's list), as the catalogs name them (privileges.*). */
export const CUSTOM_ROLE_PRIVILEGE_KEYS = ['support', 'viewCustomers', 'accessCases'] as const;
