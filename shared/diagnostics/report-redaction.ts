/**
 * What the copied Diagnostics report must not carry into a support ticket: tokens,
 * email addresses, and anything naming a customer (its name, domain, Google customer id,
 * organization or case number). Pure string work, so it can be tested on its own.
 *
 * The signed-in reseller domain stays: it is the partner's own domain, not a customer's,
 * and the one fact Google support (or the partner's IT) needs to find the account the
 * report is about. Its users' addresses still lose their local part.
 */
export interface RedactionContext {
  /** The signed-in reseller domain (kept as is). */
  domain: string;
  /** Customers the window knows for this domain: their names, domains and ids go wherever they appear. */
  customers?: readonly { customerId: string; domain: string; organizationName: string }[];
}

export const REDACTED = {
  token: '[token]',
  email: '[email]',
  user: '[user]',
  customer: '[customer]',
  customerId: '[customer id]',
  id: '[id]',
  domain: '[domain]',
} as const;

/** Google's access tokens (ya29.), refresh tokens (1//), OAuth client secrets, JWTs, and Authorization values. */
const TOKEN_PATTERNS: readonly RegExp[] = [
  /\bya29\.[\w.~+/-]+=*/g,
  /(?<![\w/])1\/\/[\w.~+/-]+=*/g,
  /\bGOCSPX-[\w-]+/g,
  /\beyJ[\w-]+\.[\w-]+\.[\w-]*/g,
];
const AUTHORIZATION = /\b(Bearer|Basic)\s+[^\s"',;]+/gi;
/** An address, also percent-encoded in a URL (%40). */
const EMAIL = /[\p{L}\p{N}._%+'-]+(?:@|%40)((?:[\p{L}\p{N}-]+\.)+\p{L}{2,})/giu;
/** Google's customer ids: C0 then letters and digits (C01b7kq2x). */
const CUSTOMER_ID = /\bC0[0-9A-Za-z]{5,}\b/g;
/** Organization, project and case numbers (organizations/418207553901, cases/12345678): 7 digits or more. */
const LONG_NUMBER = /\b\d{7,}\b/g;
const DOMAIN_NAME = /\b(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,63}\b/giu;
/** Runs of 32+ base64 characters: an unknown token or key. */
const LONG_BASE64 = /[A-Za-z0-9+/_-]{32,}={0,2}/g;

/** Google's own hosts, which the endpoints and scopes name. */
const GOOGLE_HOST = /(^|\.)(google\.com|googleapis\.com)$/i;
/** API method and permission names (cloudsupport.cases.search) read like domain names; they name no one. */
const API_NAME = /^(cloudsupport|reseller|resourcemanager|cloudresourcemanager)(\.[a-z][a-z]*){2,}$/i;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A short name (a customer called "IT") would wipe out ordinary words; names this short are left to the patterns. */
const MIN_KNOWN_NAME_LENGTH = 3;

export function createRedactor(context: RedactionContext): (text: string) => string {
  const ownDomain = context.domain.toLowerCase();
  const known = (context.customers ?? [])
    .flatMap((customer) => [
      { value: customer.organizationName, replacement: REDACTED.customer },
      { value: customer.domain, replacement: REDACTED.domain },
      { value: customer.customerId, replacement: REDACTED.customerId },
    ])
    .filter(({ value }) => value.trim().length >= MIN_KNOWN_NAME_LENGTH && value.toLowerCase() !== ownDomain)
    // The longest first, so "Acme Logistics Inc." goes whole before "Acme".
    .sort((a, b) => b.value.length - a.value.length)
    .map(({ value, replacement }) => ({
      pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(value.trim())}(?![\\p{L}\\p{N}])`, 'giu'),
      replacement,
    }));

  return (text) => {
    let out = text.replace(AUTHORIZATION, (_match, scheme: string) => `${scheme} ${REDACTED.token}`);
    for (const pattern of TOKEN_PATTERNS) out = out.replace(pattern, REDACTED.token);
    out = out.replace(EMAIL, (_match, host: string) =>
      host.toLowerCase() === ownDomain ? `${REDACTED.user}@${context.domain}` : REDACTED.email,
    );
    for (const { pattern, replacement } of known) out = out.replace(pattern, replacement);
    out = out.replace(CUSTOMER_ID, REDACTED.customerId);
    out = out.replace(LONG_NUMBER, REDACTED.id);
    out = out.replace(DOMAIN_NAME, (name) =>
      name.toLowerCase() === ownDomain || GOOGLE_HOST.test(name) || API_NAME.test(name) || name === 'localhost'
        ? name
        : REDACTED.domain,
    );
    return out.replace(LONG_BASE64, (run) =>
      /[A-Z]/.test(run) && /[a-z]/.test(run) && /\d/.test(run) ? REDACTED.token : run,
    );
  };
}
