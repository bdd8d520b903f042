import type { Actor, CaseState, Priority, Subscription } from '../../google-wire/google-types';

export type Language = 'en' | 'fr';

export interface ResellerDomain {
  domain: string;
  displayName: string;
  language: Language;
}

/** A signed-in-able user of a reseller domain, with the reseller privileges their admin role grants. */
export interface DemoAccount {
  email: string;
  domain: string;
  displayName: string;
  language: Language;
  privileges: string[];
  /** The privilege this account lacks, for demo and tests. */
  missingPrivilege?: string;
}

export interface PostalAddress {
  contactName: string;
  organizationName: string;
  addressLine1: string;
  addressLine2?: string;
  locality: string;
  region?: string;
  postalCode: string;
  countryCode: string;
}

export interface CustomerRecord {
  customerId: string;
  domain: string;
  organization: string;
  /** The number of its Cloud organization: cases live under `organizations/{orgNumber}`. */
  orgNumber: string;
  /** The reseller domain that manages it now. */
  resellerDomain: string;
  /** When it came under its current reseller; cases filed before belong to the previous one. */
  resellerSince: number;
  previousResellerDomain?: string;
  resellerAccess: boolean;
  premiumSupport: boolean;
  language: Language;
  /** IANA time zone new cases default to. */
  timeZone: string;
  alternateEmail: string;
  phoneNumber: string;
  postalAddress: PostalAddress;
  primaryAdminEmail: string;
  createTime: number;
  subscriptions: Subscription[];
}

export interface CommentRecord {
  id: string;
  createTime: number;
  creator: Actor;
  body: string;
}

export interface AttachmentRecord {
  id: string;
  createTime: number;
  creator: Actor;
  filename: string;
  mimeType: string;
  bytes: Buffer;
}

/** Where the simulated support agent is with a case, and when it acts next. */
export type AgentStep = 'firstReply' | 'askInfo' | 'solve';

export interface CaseRecord {
  id: string;
  orgNumber: string;
  customerId: string;
  /** The reseller domain that managed the customer when the case was filed: only it sees the case. */
  resellerDomain: string;
  displayName: string;
  description: string;
  classification: { id: string; displayName: string };
  timeZone: string;
  subscriberEmailAddresses: string[];
  state: Exclude<CaseState, 'STATE_UNSPECIFIED'>;
  createTime: number;
  updateTime: number;
  closeTime?: number;
  creator: Actor;
  contactEmail: string;
  escalated: boolean;
  testCase: boolean;
  languageCode: string;
  priority: Exclude<Priority, 'PRIORITY_UNSPECIFIED'>;
  /** cases.search sees the case from this time on (indexing delay). */
  indexedAt: number;
  /** Oldest first. Undefined until generated (large data sets build them lazily). */
  comments: CommentRecord[] | undefined;
  attachments: AttachmentRecord[];
  agent?: { step: AgentStep; dueAt: number; asksInfo: boolean };
}
