/**
 * Wire types of the Google APIs Partner Desk speaks (Cloud Support v2, Reseller v1,
 * Cloud Resource Manager v3 organizations.search, OAuth 2.0). Field names are the
 * JSON names of Google's discovery documents; the emulator serves exactly these and
 * the client parses exactly these, so they live in one place.
 */

import { ESCALATION_REASON_VALUES } from '../../shared/model/case-actions';

export const CASE_STATES = [
  'STATE_UNSPECIFIED',
  'NEW',
  'IN_PROGRESS_GOOGLE_SUPPORT',
  'ACTION_REQUIRED',
  'SOLUTION_PROVIDED',
  'CLOSED',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const PRIORITIES = ['PRIORITY_UNSPECIFIED', 'P0', 'P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Google's Escalation.Reason values, which the app's contract names the same. */
export const ESCALATION_REASONS = ESCALATION_REASON_VALUES;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

export interface Actor {
  displayName?: string;
  email?: string;
  googleSupport?: boolean;
  username?: string;
}

export interface CaseClassification {
  id: string;
  displayName?: string;
}

export interface Case {
  name?: string;
  displayName?: string;
  description?: string;
  classification?: CaseClassification;
  timeZone?: string;
  subscriberEmailAddresses?: string[];
  state?: CaseState;
  createTime?: string;
  updateTime?: string;
  creator?: Actor;
  contactEmail?: string;
  escalated?: boolean;
  testCase?: boolean;
  languageCode?: string;
  priority?: Priority;
}

export interface Comment {
  name?: string;
  createTime?: string;
  creator?: Actor;
  body: string;
  plainTextBody?: string;
}

export interface Attachment {
  name?: string;
  createTime?: string;
  creator?: Actor;
  filename?: string;
  mimeType?: string;
  /** int64 as a decimal string, as Google serializes it. */
  sizeBytes?: string;
}

export interface Escalation {
  reason: EscalationReason;
  justification: string;
}

export interface ListCasesResponse {
  cases?: Case[];
  nextPageToken?: string;
}
export type SearchCasesResponse = ListCasesResponse;
export interface ListCommentsResponse {
  comments?: Comment[];
  nextPageToken?: string;
}
export interface ListAttachmentsResponse {
  attachments?: Attachment[];
  nextPageToken?: string;
}
export interface SearchCaseClassificationsResponse {
  caseClassifications?: CaseClassification[];
  nextPageToken?: string;
}

/** Reseller API v1. */
export interface Subscription {
  kind?: 'reseller#subscription';
  customerId: string;
  subscriptionId: string;
  skuId: string;
  skuName?: string;
  customerDomain?: string;
  status?: string;
  plan?: { planName: string; isCommitmentPlan?: boolean };
  creationTime?: string;
  resourceUiUrl?: string;
}
export interface Subscriptions {
  kind?: 'reseller#subscriptions';
  subscriptions?: Subscription[];
  nextPageToken?: string;
}
export interface Address {
  kind?: 'customers#address';
  contactName?: string;
  organizationName?: string;
  addressLine1?: string;
  addressLine2?: string;
  addressLine3?: string;
  locality?: string;
  region?: string;
  postalCode?: string;
  countryCode?: string;
}
export interface ResellerCustomer {
  kind?: 'reseller#customer';
  customerId: string;
  customerDomain: string;
  customerType?: 'domained' | 'team';
  alternateEmail?: string;
  phoneNumber?: string;
  postalAddress?: Address;
  primaryAdmin?: { primaryEmail: string };
  resourceUiUrl?: string;
  customerDomainVerified?: boolean;
}

/** Cloud Resource Manager v3: how a Workspace customer ID leads to its organization. */
export interface Organization {
  name: string;
  displayName?: string;
  directoryCustomerId?: string;
  state?: 'ACTIVE' | 'DELETE_REQUESTED';
  createTime?: string;
  updateTime?: string;
}
export interface SearchOrganizationsResponse {
  organizations?: Organization[];
  nextPageToken?: string;
}

/** OAuth 2.0. */
export interface TokenResponse {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  scope: string;
  token_type: 'Bearer';
  id_token?: string;
}
export interface OAuthErrorResponse {
  error: string;
  error_description?: string;
}
export interface UserInfo {
  sub: string;
  email: string;
  email_verified: boolean;
  hd?: string;
  name?: string;
  locale?: string;
}

/** google.rpc.Status as JSON. */
export interface RpcStatus {
  error: {
    code: number;
    message: string;
    status: RpcCode;
    details?: RpcDetail[];
  };
}
export type RpcCode =
  | 'INVALID_ARGUMENT'
  | 'FAILED_PRECONDITION'
  | 'OUT_OF_RANGE'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'ABORTED'
  | 'ALREADY_EXISTS'
  | 'RESOURCE_EXHAUSTED'
  | 'CANCELLED'
  | 'INTERNAL'
  | 'UNAVAILABLE'
  | 'DEADLINE_EXCEEDED'
  | 'UNIMPLEMENTED';

export type RpcDetail =
  | {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo';
      reason: ErrorInfoReason | string;
      domain: string;
      metadata?: Record<string, string>;
    }
  | {
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure';
      violations: { subject: string; description: string }[];
    }
  | {
      '@type': 'type.googleapis.com/google.rpc.RetryInfo';
      retryDelay: string;
    }
  | {
      '@type': 'type.googleapis.com/google.rpc.BadRequest';
      fieldViolations: { field: string; description: string }[];
    };

/**
 * ErrorInfo reasons the emulator uses for the reseller rules (BACKEND.md §4) and the
 * client maps to actionable app errors. metadata: `customerId` for
 * RESELLER_ACCESS_NOT_GRANTED, `privilege` for MISSING_PRIVILEGE.
 */
export const ERROR_REASONS = {
  resellerAccessNotGranted: 'RESELLER_ACCESS_NOT_GRANTED',
  missingPrivilege: 'MISSING_PRIVILEGE',
  wrongResellerDomain: 'WRONG_RESELLER_DOMAIN',
  escalationRequiresPremium: 'ESCALATION_REQUIRES_PREMIUM_SUPPORT',
  reopenWindowExpired: 'REOPEN_WINDOW_EXPIRED',
  attachmentTooLarge: 'ATTACHMENT_TOO_LARGE',
  rateLimitExceeded: 'RATE_LIMIT_EXCEEDED',
  tokenExpired: 'ACCESS_TOKEN_EXPIRED',
} as const;
export type ErrorInfoReason = (typeof ERROR_REASONS)[keyof typeof ERROR_REASONS];

/** The reseller privileges of BACKEND.md §4.3, as named to the user. */
export const RESELLER_PRIVILEGES = [
  'Support',
  'Reseller tools › Customers › View customers',
  'Reseller tools › Customers › Access customer support cases',
] as const;
export type ResellerPrivilege = (typeof RESELLER_PRIVILEGES)[number];

export const SCOPES = {
  cloudPlatform: 'https://www.googleapis.com/auth/cloud-platform',
  resellerReadonly: 'https://www.googleapis.com/auth/apps.order.readonly',
  email: 'email',
  openid: 'openid',
} as const;

/** Real Google endpoints; the emulator serves the same paths under one origin. */
export const GOOGLE_ENDPOINTS = {
  cloudSupport: 'https://cloudsupport.googleapis.com',
  reseller: 'https://reseller.googleapis.com',
  resourceManager: 'https://cloudresourcemanager.googleapis.com',
  authorize: 'https://accounts.google.com/o/oauth2/v2/auth',
  token: 'https://oauth2.googleapis.com/token',
  revoke: 'https://oauth2.googleapis.com/revoke',
  userinfo: 'https://openidconnect.googleapis.com/v1/userinfo',
} as const;

export interface ApiEndpoints {
  cloudSupport: string;
  reseller: string;
  resourceManager: string;
  authorize: string;
  token: string;
  revoke: string;
  userinfo: string;
}

/** The same paths served by one emulator origin (BACKEND.md §5). */
export function emulatorEndpoints(origin: string): ApiEndpoints {
  return {
    cloudSupport: origin,
    reseller: origin,
    resourceManager: origin,
    authorize: `${origin}/o/oauth2/v2/auth`,
    token: `${origin}/token`,
    revoke: `${origin}/revoke`,
    userinfo: `${origin}/oauth2/v3/userinfo`,
  };
}
