import { z } from 'zod';

/** RFC 1035: a label is 63 characters at most (a longer one never resolves). */
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';

/**
 * A reseller's primary domain as the app keeps it: lower-case labels of letters, digits
 * and inner hyphens, 63 characters at most each, at least two, 253 characters in all. The one rule for IPC requests,
 * the add-domain dialog and the accounts stored in the settings file (a hand-edited
 * `../../x` or `NORTHWIND-RESELLER.EXAMPLE` is refused everywhere alike).
 */
export const domainNameSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(new RegExp(`^${LABEL}(?:\\.${LABEL})+$`), 'not a domain name');

export function isDomainName(value: string): boolean {
  return domainNameSchema.safeParse(value).success;
}
