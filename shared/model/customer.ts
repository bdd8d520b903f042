import { z } from 'zod';

/**
 * A reseller's customer, keyed by Google's customerId (a customer's domain can change).
 * `access` is learned from the API: a customer that has not authorized reseller access
 * refuses case reads and creation; the UI explains the remedy.
 */
export const customerSchema = z.object({
  customerId: z.string(),
  domain: z.string(),
  organizationName: z.string(),
  /** organizations/{n}: the parent of this customer's cases; null until resolved. */
  organization: z.string().nullable(),
  access: z.enum(['granted', 'not_granted', 'unknown']),
  premiumSupport: z.boolean(),
  caseCount: z.number().int().nonnegative(),
});
export type Customer = z.infer<typeof customerSchema>;
