import { AppError } from '../../../shared/app-error';
import type { ResellerCustomer, Subscription, Subscriptions } from '../../google-wire/google-types';
import { joinUrl, type HttpTransport } from './http-transport';
import { paged, type Paged } from './paging';
import { checkCustomerId } from './resource-names';
import type { CallOptions } from './cloud-support-client';

export interface SubscriptionListOptions extends CallOptions {
  customerNamePrefix?: string;
  /** 1–100; Google's default is 20. */
  maxResults?: number;
}

export interface CustomerListOptions extends SubscriptionListOptions {
  /** customers.get calls in flight at once. */
  concurrency?: number;
}

export const DEFAULT_CUSTOMER_CONCURRENCY = 4;

/**
 * Reseller API v1. It has no customers.list: a reseller's customers are the distinct
 * customerIds of its subscriptions, each then read with customers.get.
 */
export class ResellerClient {
  constructor(
    private readonly transport: HttpTransport,
    private readonly baseUrl: string,
  ) {}

  listSubscriptions(options: SubscriptionListOptions = {}): Paged<Subscription> {
    const url = joinUrl(this.baseUrl, '/apps/reseller/v1/subscriptions');
    const maxResults = options.maxResults === undefined ? undefined : Math.min(100, Math.max(1, options.maxResults));
    return paged(
      (pageToken) =>
        this.transport.json<Subscriptions>({
          method: 'GET',
          url,
          query: { maxResults, pageToken, customerNamePrefix: options.customerNamePrefix },
          kind: 'read',
          signal: options.signal,
        }),
      (response) => response.subscriptions,
    );
  }

  async getCustomer(customerId: string, options: CallOptions = {}): Promise<ResellerCustomer> {
    const url = joinUrl(this.baseUrl, `/apps/reseller/v1/customers/${encodeURIComponent(checkCustomerId(customerId))}`);
    return this.transport.json<ResellerCustomer>({ method: 'GET', url, kind: 'read', signal: options.signal });
  }

  /**
   * Every customer of the reseller, in the order their first subscription appears.
   * Subscriptions are paged lazily and at most `concurrency` customers.get calls run
   * at once. A customer that vanished between the two calls (moved to another
   * reseller) is skipped; any other failure ends the listing. Breaking out of the
   * loop cancels what is still in flight.
   */
  async *listCustomers(options: CustomerListOptions = {}): AsyncGenerator<ResellerCustomer, void, undefined> {
    const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CUSTOMER_CONCURRENCY));
    const stop = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
    const seen = new Set<string>();
    const inFlight: Promise<ResellerCustomer | null>[] = [];
    const fetchOne = (customerId: string): Promise<ResellerCustomer | null> => {
      const pending = this.getCustomer(customerId, { signal }).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'not_found') return null;
        throw error;
      });
      // Handled later when awaited in order; this keeps an early failure from being reported as unhandled.
      pending.catch(() => undefined);
      return pending;
    };
    try {
      for await (const subscription of this.listSubscriptions({ ...options, signal })) {
        if (seen.has(subscription.customerId)) continue;
        seen.add(subscription.customerId);
        inFlight.push(fetchOne(subscription.customerId));
        if (inFlight.length >= concurrency) {
          const customer = await inFlight.shift();
          if (customer) yield customer;
        }
      }
      while (inFlight.length > 0) {
        const customer = await inFlight.shift();
        if (customer) yield customer;
      }
    } finally {
      stop.abort();
    }
  }
}
