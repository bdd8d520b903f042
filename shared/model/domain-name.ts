import { z } from 'zod';

/**
 * A reseller's primary domain as the app keeps it: lower-case labels of letters, digits
 * and inner hyphens, at least two, 253 characters at most. The one rule for IPC requests,
 * the add-domain dialog and the accounts stored in the settings file (a hand-edited
 * `../../x` or `NORTHWIND-RESELLER.EXAMPLE` is refused everywhere alike).
 */
export const domainNameSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, 'not a domain name');

export function isDomainName(value: string): boolean {
  return domainNameSchema.safeParse(value).success;
}
