import { matchesOf, type PiiFinding } from './finding';

/** A practical address shape (RFC 5321 local parts with quotes are left out: nobody types them in a case). */
const EMAIL = /[A-Za-z0-9._%+-]+@((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,})/g;

/**
 * Email addresses outside the customer's own domains: the customer's admin addresses
 * (admin@customer.example) are what support needs to act; anyone else's is personal data.
 * A subdomain of an allowed domain is allowed too (mail.customer.example).
 */
export function findEmails(text: string, allowedDomains: readonly string[]): PiiFinding[] {
  const allowed = allowedDomains.map((d) => d.toLowerCase()).filter((d) => d !== '');
  return matchesOf('email', text, EMAIL, (match) => {
    const domain = (match[1] ?? '').toLowerCase();
    return !allowed.some((d) => domain === d || domain.endsWith(`.${d}`));
  });
}
