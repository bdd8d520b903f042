import type { Customer } from '../../../shared/model/customer';
import type { ResellerCustomer, Subscription } from '../../google-wire/google-types';
import type { ResellerClient } from '../api/reseller-client';
import type { ResourceManagerClient } from '../api/resource-manager-client';
import { AppError } from '../../../shared/app-error';
import { runBounded } from './run-bounded';

export interface CustomerListingClients {
  reseller: ResellerClient;
  resourceManager: ResourceManagerClient;
}

export interface CustomerListingOptions {
  /** What the cache already knows: the organization and access learned earlier are kept. */
  known: (customerId: string) => Customer | undefined;
  /** Read known customers again too (their name or address may have changed); otherwise only new ones. */
  refreshKnown: boolean;
  concurrency: number;
  signal?: AbortSignal;
  /** Counts the API calls made, for the sync's request budget. */
  onRequest?: () => void;
}

/**
 * A reseller domain's customers as the Reseller API knows them: subscriptions paged and
 * grouped by customerId (there is no customers.list; 100 a call, so 1,000 customers cost
 * ~20 calls), customers.get for each customer not known yet (or for every one when
 * `refreshKnown`: a call each, so rarely), then the customer's organization from Resource
 * Manager — asked once and remembered, since it does not change. A known customer keeps
 * its details, with premium support read again from its subscriptions. A customer that
 * vanished between the calls (moved away) is skipped.
 */
export async function listCustomers(
  clients: CustomerListingClients,
  options: CustomerListingOptions,
): Promise<Customer[]> {
  const counted = options.onRequest ?? (() => undefined);
  const subscriptionsByCustomer = new Map<string, Subscription[]>();
  for await (const page of clients.reseller.listSubscriptions({ maxResults: 100, signal: options.signal }).pages()) {
    counted();
    for (const subscription of page.items) {
      const list = subscriptionsByCustomer.get(subscription.customerId);
      if (list) list.push(subscription);
      else subscriptionsByCustomer.set(subscription.customerId, [subscription]);
    }
  }
  const customerIds = [...subscriptionsByCustomer.keys()];
  const found = new Map<string, Customer>();
  let failure: unknown;
  await runBounded(customerIds, options.concurrency, async (customerId) => {
    if (failure) return;
    const known = options.known(customerId);
    const subscriptions = subscriptionsByCustomer.get(customerId) ?? [];
    if (known?.organization && !options.refreshKnown) {
      found.set(customerId, { ...known, premiumSupport: subscriptions.some(isPremiumSupport), caseCount: 0 });
      return;
    }
    try {
      counted();
      const wire = await clients.reseller.getCustomer(customerId, { signal: options.signal });
      let organization = known?.organization ?? null;
      if (organization === null) {
        counted();
        organization =
          (await clients.resourceManager.findOrganization(customerId, { signal: options.signal }))?.name ?? null;
      }
      found.set(customerId, toCustomer(wire, subscriptions, organization, known));
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') return;
      failure ??= error;
    }
  });
  if (failure) throw failure;
  return customerIds.flatMap((customerId) => found.get(customerId) ?? []);
}

function toCustomer(
  wire: ResellerCustomer,
  subscriptions: Subscription[],
  organization: string | null,
  known: Customer | undefined,
): Customer {
  return {
    customerId: wire.customerId,
    domain: wire.customerDomain,
    organizationName: wire.postalAddress?.organizationName?.trim() || wire.customerDomain,
    organization,
    access: known?.access ?? 'unknown',
    premiumSupport: subscriptions.some(isPremiumSupport),
    caseCount: 0,
  };
}

/** Premium support is sold as its own SKU next to the Workspace plan. */
function isPremiumSupport(subscription: Subscription): boolean {
  return /premium support/i.test(subscription.skuName ?? '') && subscription.status !== 'SUSPENDED';
}
