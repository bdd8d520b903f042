import { z } from 'zod';
import { APP_ERROR_CODES } from '../app-error';

/**
 * What the Diagnostics page shows for one domain: each capability the app needs, probed
 * with one cheap real call, and the recent health of the domain's traffic. Built by the
 * core (`diagnostics:run`); the renderer words it, and builds the redacted report.
 */

/** The calls the app depends on, in the order they are probed (each needs the one before). */
export const CAPABILITIES = [
  'listSubscriptions', // Reseller API subscriptions.list
  'readCustomer', // Reseller API customers.get
  'findOrganization', // Resource Manager organizations.search for the customer's domain
  'listCases', // Cloud Support cases.list under the organization
  'searchCases', // Cloud Support cases.search under the organization
  'readComments', // Cloud Support cases.comments.list of one case
  'searchClassifications', // Cloud Support caseClassifications.search
] as const;
export const capabilitySchema = z.enum(CAPABILITIES);
export type Capability = z.infer<typeof capabilitySchema>;

/** The seed's remedies a refusal maps to; the renderer words each in the user's language. */
export const REMEDIES = [
  'reseller_admin_role', // the Reseller admin role, or a custom role with the three privileges below
  'custom_role_privileges', // Support; Reseller tools › Customers › View customers / Access customer support cases
  'customer_grants_access', // the customer's super admin grants reseller access
  'cloud_identity', // a multi-domain partner signs in with a Cloud Identity account per domain
  'sign_in_again', // the refresh token died or lacks a scope
  'check_network', // offline, timeout, 5xx
  'wait_quota', // 429
] as const;
export const remedySchema = z.enum(REMEDIES);
export type Remedy = z.infer<typeof remedySchema>;

/** Why a probe was not tried: an earlier one failed, or there was nothing to try it on. */
export const NOT_TRIED_REASONS = ['offline', 'earlier_step_failed', 'no_customer', 'no_case', 'signed_out'] as const;

export const probeOutcomeSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    /** A count the call returned (subscriptions, cases, comments, classifications), when it has one. */
    count: z.number().int().nonnegative().optional(),
  }),
  z.object({
    status: z.literal('refused'),
    /** HTTP status, null when no answer came (offline, timeout). */
    httpStatus: z.number().int().nullable(),
    /** Google's google.rpc.Status code name (PERMISSION_DENIED…), or the app's error code without an answer. */
    googleStatus: z.string().max(64),
    /** Google's own message, as Google wrote it (English). */
    message: z.string().max(2000),
    code: z.enum(APP_ERROR_CODES),
    remedies: z.array(remedySchema).max(REMEDIES.length),
  }),
  z.object({ status: z.literal('not_tried'), reason: z.enum(NOT_TRIED_REASONS) }),
]);
export type ProbeOutcome = z.infer<typeof probeOutcomeSchema>;

export const capabilityProbeSchema = z.object({
  capability: capabilitySchema,
  outcome: probeOutcomeSchema,
  durationMs: z.number().nonnegative().nullable(),
  /** What the probe was tried on (a customer's domain, a case name): redacted in the report. */
  target: z.string().max(300).optional(),
});
export type CapabilityProbe = z.infer<typeof capabilityProbeSchema>;

export const MAX_RECENT_API_ERRORS = 20;

export const apiErrorEntrySchema = z.object({
  at: z.string().max(40),
  /** The API method, as Google names it (cloudsupport.cases.search, reseller.subscriptions.list…). */
  method: z.string().max(120),
  httpStatus: z.number().int().nullable(),
  code: z.enum(APP_ERROR_CODES),
  message: z.string().max(2000),
});
export type ApiErrorEntry = z.infer<typeof apiErrorEntrySchema>;

export const diagnosticsSchema = z.object({
  domain: z.string(),
  email: z.string(),
  backend: z.enum(['demo', 'google']),
  /** The base URL of each API the app calls (authorize, token, reseller, cloudSupport, resourceManager…). */
  endpoints: z.record(z.string().max(40), z.string().max(300)),
  /** The OAuth scopes the domain's grant holds, as the token endpoint reported them. */
  scopes: z.array(z.string().max(300)).max(20),
  probes: z.array(capabilityProbeSchema).max(CAPABILITIES.length),
  sync: z.object({
    lastSyncedAt: z.string().nullable(),
    lastDurationMs: z.number().nonnegative().nullable(),
    state: z.enum(['idle', 'syncing', 'offline', 'error']),
  }),
  requestsLastHour: z.number().int().nonnegative(),
  recentErrors: z.array(apiErrorEntrySchema).max(MAX_RECENT_API_ERRORS),
  ranAt: z.string().max(40),
});
export type Diagnostics = z.infer<typeof diagnosticsSchema>;
