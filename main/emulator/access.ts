import { ERROR_REASONS, RESELLER_PRIVILEGES } from '../google-wire/google-types';
import { errorInfo, RpcError } from './rpc-error';
import type { ApiRequest } from './route';
import type { CaseRecord, CustomerRecord, DemoAccount } from './store/model';

const [SUPPORT, VIEW_CUSTOMERS, ACCESS_CASES] = RESELLER_PRIVILEGES;

/** Cloud Support calls need the support privileges; Reseller and organization lookups need View customers. */
export const CASE_PRIVILEGES = [SUPPORT, ACCESS_CASES];
export const CUSTOMER_PRIVILEGES = [VIEW_CUSTOMERS];

export const SCOPE_SETS = {
  cloudSupport: ['https://www.googleapis.com/auth/cloud-platform'],
  resourceManager: [
    'https://www.googleapis.com/auth/cloud-platform',
    'https://www.googleapis.com/auth/cloud-platform.read-only',
  ],
  reseller: ['https://www.googleapis.com/auth/apps.order', 'https://www.googleapis.com/auth/apps.order.readonly'],
} as const;

function unauthenticated(message: string, reason: string): RpcError {
  return new RpcError('UNAUTHENTICATED', message, [errorInfo(reason)], {
    'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"',
  });
}

/** The demo user behind the request's bearer token. */
export function authenticate(request: ApiRequest, acceptedScopes: readonly string[]): DemoAccount {
  const header = request.req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) {
    throw unauthenticated(
      'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      'CREDENTIALS_MISSING',
    );
  }
  const found = request.core.tokens.lookup(match[1]);
  if (found.status === 'expired') {
    throw unauthenticated(
      'Request had invalid authentication credentials: the access token has expired.',
      ERROR_REASONS.tokenExpired,
    );
  }
  if (found.status === 'invalid') {
    throw unauthenticated(
      'Request had invalid authentication credentials. Expected OAuth 2 access token.',
      'ACCESS_TOKEN_INVALID',
    );
  }
  const account = request.core.store.account(found.email);
  if (!account) throw unauthenticated('The account of this token no longer exists.', 'ACCOUNT_STATE_INVALID');
  request.trace.tokenEmail = account.email;
  request.trace.tokenDomain = account.domain;
  if (!acceptedScopes.some((scope) => found.scopes.includes(scope))) {
    throw new RpcError('PERMISSION_DENIED', 'Request had insufficient authentication scopes.', [
      errorInfo('ACCESS_TOKEN_SCOPE_INSUFFICIENT', {
        method: request.method,
        requiredScopes: acceptedScopes.join(' '),
      }),
    ]);
  }
  return account;
}

/** Authentication, then the per-user rate limit, then the reseller privileges of BACKEND.md §4.3. */
export function authorize(request: ApiRequest, scopes: readonly string[], privileges: readonly string[]): DemoAccount {
  const user = authenticate(request, scopes);
  const verdict = request.core.rateLimiter.take(user.email);
  if (!verdict.allowed) throw rateLimited(user.email, verdict.retryAfterSec);
  for (const privilege of privileges) {
    if (!user.privileges.includes(privilege)) {
      throw new RpcError(
        'PERMISSION_DENIED',
        `The caller lacks the reseller privilege "${privilege}". A super administrator of ${user.domain} can grant it in the Admin console (Account > Admin roles).`,
        [errorInfo(ERROR_REASONS.missingPrivilege, { privilege, email: user.email })],
      );
    }
  }
  return user;
}

export function rateLimited(subject: string, retryAfterSec: number): RpcError {
  return new RpcError(
    'RESOURCE_EXHAUSTED',
    `Quota exceeded: too many requests per minute for ${subject}. Retry after ${retryAfterSec} s.`,
    [
      errorInfo(ERROR_REASONS.rateLimitExceeded, { quota_limit: 'requests-per-minute-per-user' }),
      {
        '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
        violations: [{ subject: `user:${subject}`, description: 'Requests per minute per user' }],
      },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfterSec}s` },
    ],
    { 'Retry-After': String(retryAfterSec) },
  );
}

/**
 * The customer behind `organizations/{n}`. An organization whose customer another
 * reseller manages is answered 404, exactly like one that does not exist: a reseller
 * cannot probe another reseller's customers through the Cloud Support API.
 */
export function customerOfParent(request: ApiRequest, user: DemoAccount, parent: string): CustomerRecord {
  const match = /^organizations\/(\d+)$/.exec(parent);
  const customer = match?.[1] ? request.core.store.customerByOrg(match[1]) : undefined;
  if (customer) request.trace.targetDomain = customer.resellerDomain;
  if (!customer || customer.resellerDomain !== user.domain) {
    throw new RpcError('NOT_FOUND', `Resource "${parent}" was not found, or the caller cannot access it.`);
  }
  return customer;
}

/** BACKEND.md §4.2: no reseller access, no case work at all for that customer. */
export function requireResellerAccess(customer: CustomerRecord): void {
  if (customer.resellerAccess) return;
  throw new RpcError(
    'PERMISSION_DENIED',
    `The customer ${customer.domain} (${customer.customerId}) has not authorized reseller access to its account, so its support cases cannot be created or read. Its super administrator can grant reseller access in the Admin console.`,
    [errorInfo(ERROR_REASONS.resellerAccessNotGranted, { customerId: customer.customerId })],
  );
}

/**
 * A case the caller may work on: its customer is managed by the caller's domain, has
 * granted reseller access, and the case was filed by the caller's domain (§4.7:
 * cases of a previous reseller are invisible, 404).
 */
export function resolveCase(
  request: ApiRequest,
  user: DemoAccount,
  orgNumber: string,
  caseId: string,
): { customer: CustomerRecord; record: CaseRecord } {
  const name = `organizations/${orgNumber}/cases/${caseId}`;
  const customer = customerOfParent(request, user, `organizations/${orgNumber}`);
  requireResellerAccess(customer);
  const record = request.core.store.case(caseId);
  if (record) request.trace.targetDomain = record.resellerDomain;
  if (!record || record.orgNumber !== orgNumber || record.resellerDomain !== user.domain) {
    throw new RpcError('NOT_FOUND', `Case "${name}" was not found.`);
  }
  return { customer, record };
}
