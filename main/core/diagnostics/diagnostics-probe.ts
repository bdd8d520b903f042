import { AppError } from '../../../shared/app-error';
import {
  CAPABILITIES,
  type Capability,
  type CapabilityProbe,
  type NOT_TRIED_REASONS,
  type ProbeOutcome,
  type Remedy,
} from '../../../shared/model/diagnostics';
import type { CloudSupportClient } from '../api/cloud-support-client';
import type { Page, Paged } from '../api/paging';
import type { ResellerClient } from '../api/reseller-client';
import type { ResourceManagerClient } from '../api/resource-manager-client';
import type { RetryPolicy } from '../api/retry-policy';
import { GOOGLE_READ_RETRY_POLICY } from '../api/retry-policy';
import type { Clock } from '../ports';

/** The calls the probes make, one each: the domain's API clients, built with PROBE_RETRY_POLICY and PROBE_TIMEOUT_MS. */
export interface ProbeClients {
  reseller: Pick<ResellerClient, 'listSubscriptions' | 'getCustomer'>;
  resourceManager: Pick<ResourceManagerClient, 'findOrganization'>;
  cloudSupport: Pick<CloudSupportClient, 'listCases' | 'searchCases' | 'listComments' | 'searchClassifications'>;
}

/** One attempt per probe: Diagnostics tells what Google answers now, it does not wait minutes for a better answer. */
export const PROBE_RETRY_POLICY: RetryPolicy = { ...GOOGLE_READ_RETRY_POLICY, maxAttempts: 1, maxQuotaRetries: 0 };
/** A probe that has not answered in 10 s has answered: the network or Google is too slow to work with. */
export const PROBE_TIMEOUT_MS = 10_000;

export type NotTriedReason = (typeof NOT_TRIED_REASONS)[number];

/** Probes whose refusal as not found means the organization is not this reseller domain's to reach. */
const ORGANIZATION_STEPS = new Set<Capability>(['findOrganization', 'listCases', 'searchCases']);
const MAX_MESSAGE_CHARS = 2_000;
const MAX_STATUS_CHARS = 64;
/** Google's ErrorInfo reason when the token lacks the API's scope: the grant is at fault, not the role. */
const SCOPE_INSUFFICIENT = 'ACCESS_TOKEN_SCOPE_INSUFFICIENT';

/** Every capability not tried, for the same reason (offline, signed out): no call is made. */
export function notTriedProbes(reason: NotTriedReason): CapabilityProbe[] {
  return CAPABILITIES.map((capability) => ({ capability, outcome: { status: 'not_tried', reason }, durationMs: null }));
}

/**
 * Probes each capability with one cheap real call (a page of one where the API takes a
 * page size), in CAPABILITIES order: subscriptions.list; customers.get of a customer the
 * sync found reachable (`preferredCustomerId`), else of the first subscription's;
 * organizations.search for it; cases.list and cases.search
 * under its organization; comments.list of the first case found; caseClassifications.search.
 * After a refusal nothing more is tried (each step needs the one before, and the next
 * would only repeat the refusal); with no customer or no case, what needs one is not
 * tried and the classifications still are. Only the calls' answers are used: nothing
 * reaches the cache, the sync's change detection or the unread marks.
 */
export async function runProbes(
  clients: ProbeClients,
  clock: Pick<Clock, 'now'>,
  preferredCustomerId?: string,
): Promise<CapabilityProbe[]> {
  const probes: CapabilityProbe[] = [];
  let refused = false;
  const skip = (capability: Capability, reason: NotTriedReason) => {
    probes.push({
      capability,
      outcome: { status: 'not_tried', reason: refused ? 'earlier_step_failed' : reason },
      durationMs: null,
    });
  };
  const attempt = async <T>(
    capability: Capability,
    target: string | undefined,
    call: () => Promise<T>,
    count?: (value: T) => number,
  ): Promise<T | undefined> => {
    if (refused) {
      skip(capability, 'earlier_step_failed');
      return undefined;
    }
    const startedAt = clock.now();
    const withTarget = (probe: CapabilityProbe): CapabilityProbe =>
      target === undefined ? probe : { ...probe, target: target.slice(0, 300) };
    try {
      const value = await call();
      const outcome: ProbeOutcome = count ? { status: 'ok', count: count(value) } : { status: 'ok' };
      probes.push(withTarget({ capability, outcome, durationMs: clock.now() - startedAt }));
      return value;
    } catch (error) {
      refused = true;
      probes.push(withTarget({ capability, outcome: refusal(capability, error), durationMs: clock.now() - startedAt }));
      return undefined;
    }
  };
  const items = (page: Page<unknown>) => page.items.length;

  const subscriptions = await attempt(
    'listSubscriptions',
    undefined,
    () => firstPage(clients.reseller.listSubscriptions({ maxResults: 1 })),
    items,
  );
  // No subscription listed (refused, or none): nothing to probe a customer on, preferred or not.
  const customerId = subscriptions?.items[0] ? (preferredCustomerId ?? subscriptions.items[0].customerId) : undefined;
  if (customerId === undefined) {
    for (const capability of ['readCustomer', 'findOrganization', 'listCases', 'searchCases', 'readComments'] as const)
      skip(capability, 'no_customer');
  } else {
    const customer = await attempt('readCustomer', customerId, () => clients.reseller.getCustomer(customerId));
    const organization = await attempt('findOrganization', customer?.customerDomain ?? customerId, async () => {
      const found = await clients.resourceManager.findOrganization(customerId);
      // Google answered, with no organization: this domain cannot reach the customer's cases.
      if (found) return found;
      throw new AppError('not_found', `organizations.search found no organization for customer ${customerId}.`, {
        status: 'NOT_FOUND',
        httpStatus: '200',
      });
    });
    const parent = organization?.name;
    const listed = await attempt(
      'listCases',
      parent,
      () => firstPage(clients.cloudSupport.listCases(parent ?? '', { pageSize: 1 })),
      items,
    );
    const searched = await attempt(
      'searchCases',
      parent,
      () => firstPage(clients.cloudSupport.searchCases(parent ?? '', { pageSize: 1 })),
      items,
    );
    const caseName = listed?.items[0]?.name ?? searched?.items[0]?.name;
    if (caseName === undefined) skip('readComments', 'no_case');
    else {
      await attempt(
        'readComments',
        caseName,
        () => firstPage(clients.cloudSupport.listComments(caseName, { pageSize: 1 })),
        items,
      );
    }
  }
  await attempt(
    'searchClassifications',
    undefined,
    () => firstPage(clients.cloudSupport.searchClassifications('', { pageSize: 1 })),
    items,
  );
  return probes;
}

/** What Google answered (or that nothing answered), and the seed's remedies for it. */
export function refusal(capability: Capability, caught: unknown): ProbeOutcome {
  const error =
    caught instanceof AppError
      ? caught
      : new AppError('internal', 'The probe failed unexpectedly.', undefined, { cause: caught });
  const httpStatus = Number(error.detail?.httpStatus);
  return {
    status: 'refused',
    httpStatus: Number.isInteger(httpStatus) && httpStatus > 0 ? httpStatus : null,
    googleStatus: (error.detail?.status ?? error.detail?.reason ?? error.code).slice(0, MAX_STATUS_CHARS),
    message: error.message.slice(0, MAX_MESSAGE_CHARS),
    code: error.code,
    remedies: remediesFor(capability, error),
  };
}

/**
 * The seed's remedies (BACKEND.md §4): a missing privilege needs the Reseller admin role
 * or a custom role with the three privileges; a customer without reseller access must
 * grant it; an organization this domain cannot reach (none found, or another reseller
 * domain's customer) points a multi-domain partner to a Cloud Identity account per
 * domain; a dead or too narrow grant needs a new sign-in; no answer, a timeout or a 5xx
 * is the network's or Google's; a 429 passes with time.
 */
export function remediesFor(capability: Capability, error: AppError): Remedy[] {
  switch (error.code) {
    case 'missing_privilege':
      return error.detail?.reason === SCOPE_INSUFFICIENT
        ? ['sign_in_again']
        : ['reseller_admin_role', 'custom_role_privileges'];
    case 'no_reseller_access':
      return ['customer_grants_access'];
    case 'wrong_domain':
      return ['cloud_identity'];
    case 'not_found':
      return ORGANIZATION_STEPS.has(capability) ? ['cloud_identity'] : [];
    case 'session_expired':
      return ['sign_in_again'];
    case 'offline':
    case 'timeout':
    case 'server':
      return ['check_network'];
    case 'quota':
      return ['wait_quota'];
    // The keychain's own notice and error say what to start; no Google setting is involved.
    case 'keychain_unavailable':
      return [];
    // A request Google found malformed, a precondition, a bug: nothing the user's setup can fix.
    case 'invalid_argument':
    case 'failed_precondition':
    case 'too_large':
    case 'cancelled':
    case 'bad_request':
    case 'internal':
    case 'core_lost':
      return [];
  }
}

async function firstPage<T>(listing: Paged<T>): Promise<Page<T>> {
  for await (const page of listing.pages()) return page;
  return { items: [] };
}
