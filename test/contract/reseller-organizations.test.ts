import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoogleClients } from './google-clients';
import { clientsFor, LUMIERE, NORTHWIND, startContractEmulator, USERS, type Emulator } from './contract-fixture';

/**
 * Contract: how the app finds a reseller's customers with Google's generated clients —
 * Reseller v1 subscriptions.list (paged, de-duplicated by customerId) and
 * customers.get, then Cloud Resource Manager v3 organizations.search for the
 * organization each customer's cases live under.
 */

let emulator: Emulator;
let alex: GoogleClients;

beforeAll(async () => {
  emulator = await startContractEmulator();
  alex = clientsFor(emulator, USERS.alex);
});

afterAll(async () => {
  await emulator.close();
});

async function allSubscriptions(
  clients: GoogleClients,
  params: { maxResults?: number; customerNamePrefix?: string } = {},
) {
  const subscriptions = [];
  let pageToken: string | undefined;
  let pages = 0;
  do {
    const { status, data } = await clients.reseller.subscriptions.list({
      ...params,
      ...(pageToken ? { pageToken } : {}),
    });
    expect(status).toBe(200);
    expect(data.kind).toBe('reseller#subscriptions');
    subscriptions.push(...(data.subscriptions ?? []));
    pageToken = data.nextPageToken ?? undefined;
    pages += 1;
  } while (pageToken);
  return { subscriptions, pages };
}

describe('reseller subscriptions.list', () => {
  it('pages with maxResults and pageToken to every customer of the domain', async () => {
    const { subscriptions, pages } = await allSubscriptions(alex, { maxResults: 3 });
    expect(pages).toBeGreaterThan(1);
    for (const subscription of subscriptions) {
      expect(subscription.customerId).toBeTruthy();
      expect(subscription.subscriptionId).toBeTruthy();
      expect(subscription.skuId).toBeTruthy();
      expect(subscription.customerDomain).toContain('.');
    }
    const ids = new Set(subscriptions.map((subscription) => subscription.customerId));
    expect([...ids].sort()).toEqual(
      emulator.control.data
        .customers(NORTHWIND)
        .map((customer) => customer.customerId)
        .sort(),
    );
  });

  it('filters by customerNamePrefix', async () => {
    const target = emulator.control.data.customers(NORTHWIND)[0]!;
    const prefix = target.domain.slice(0, 4);
    const { subscriptions } = await allSubscriptions(alex, { customerNamePrefix: prefix });
    expect(subscriptions.length).toBeGreaterThan(0);
    for (const subscription of subscriptions) expect(subscription.customerDomain!.startsWith(prefix)).toBe(true);
    expect(subscriptions.map((subscription) => subscription.customerId)).toContain(target.customerId);
  });

  it("never lists another reseller domain's customers", async () => {
    const { subscriptions } = await allSubscriptions(alex, { maxResults: 100 });
    const lumiereIds = new Set(emulator.control.data.customers(LUMIERE).map((customer) => customer.customerId));
    expect(subscriptions.some((subscription) => lumiereIds.has(subscription.customerId!))).toBe(false);
  });
});

describe('reseller customers.get', () => {
  it('returns the customer details the app shows', async () => {
    const target = emulator.control.data.customers(NORTHWIND)[0]!;
    const { status, data } = await alex.reseller.customers.get({ customerId: target.customerId });
    expect(status).toBe(200);
    expect(data.kind).toBe('reseller#customer');
    expect(data.customerId).toBe(target.customerId);
    expect(data.customerDomain).toBe(target.domain);
    expect(data.postalAddress?.organizationName).toBeTruthy();
    expect(data.postalAddress?.countryCode).toMatch(/^[A-Z]{2}$/);
    expect(data.primaryAdmin?.primaryEmail).toContain('@');
    expect(data.alternateEmail).toContain('@');
  });
});

describe('resourcemanager organizations.search', () => {
  it('finds the organization of a customer by directorycustomerid', async () => {
    for (const customer of emulator.control.data.customers(NORTHWIND)) {
      const { status, data } = await alex.resourceManager.organizations.search({
        query: `directorycustomerid:${customer.customerId}`,
      });
      expect(status).toBe(200);
      expect(data.organizations).toHaveLength(1);
      const organization = data.organizations![0]!;
      expect(organization.name).toMatch(/^organizations\/\d+$/);
      expect(organization.directoryCustomerId).toBe(customer.customerId);
      expect(organization.state).toBe('ACTIVE');
    }
  });

  it("finds nothing for another reseller's customer", async () => {
    const foreign = emulator.control.data.customers(LUMIERE)[0]!;
    const { data } = await alex.resourceManager.organizations.search({
      query: `directorycustomerid:${foreign.customerId}`,
    });
    expect(data.organizations ?? []).toEqual([]);
  });
});
