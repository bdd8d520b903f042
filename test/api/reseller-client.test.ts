import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchLike } from '../../main/core/ports';
import { ALEX, CLAIRE, LUMIERE, NORTHWIND, startTestEmulator, type TestEmulator } from './helpers/emulator-fixtures';
import { signedInClients } from './helpers/signed-in-clients';

/** Wraps fetch to watch how many customers.get calls are open at once (observes, does not answer). */
function concurrencyProbe(): { fetch: FetchLike; maxInFlight: () => number } {
  let inFlight = 0;
  let max = 0;
  const probe: FetchLike = async (input, init) => {
    const isCustomerGet = String(input instanceof Request ? input.url : input).includes('/apps/reseller/v1/customers/');
    if (isCustomerGet) max = Math.max(max, ++inFlight);
    try {
      const response = await fetch(input, init);
      await response.clone().arrayBuffer();
      return response;
    } finally {
      if (isCustomerGet) inFlight--;
    }
  };
  return { fetch: probe, maxInFlight: () => max };
}

describe('Reseller and Resource Manager clients against the emulator', () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('pages subscriptions', async () => {
    const alex = await signedInClients(emulator, ALEX);
    const paged = await alex.reseller.listSubscriptions({ maxResults: 3 }).toArray();
    const whole = await alex.reseller.listSubscriptions({ maxResults: 100 }).toArray();
    expect(paged.length).toBeGreaterThan(3);
    expect(paged.map((s) => s.subscriptionId)).toEqual(whole.map((s) => s.subscriptionId));
  });

  it('lists the customers of its own domain only, each once, with at most 4 lookups in flight', async () => {
    const probe = concurrencyProbe();
    const alex = await signedInClients(emulator, ALEX, { fetch: probe.fetch });
    const customers = [];
    for await (const customer of alex.reseller.listCustomers({ maxResults: 5 })) customers.push(customer);
    const expected = emulator.control.data.customers(NORTHWIND).map((c) => c.customerId);
    expect(customers.map((c) => c.customerId).sort()).toEqual([...expected].sort());
    expect(customers.every((c) => c.customerDomain && c.postalAddress?.countryCode)).toBe(true);
    expect(probe.maxInFlight()).toBeGreaterThan(1);
    expect(probe.maxInFlight()).toBeLessThanOrEqual(4);
  });

  it('gets one customer by id', async () => {
    const claire = await signedInClients(emulator, CLAIRE);
    const facts = emulator.control.data.customers(LUMIERE)[0]!;
    expect(await claire.reseller.getCustomer(facts.customerId)).toMatchObject({
      customerId: facts.customerId,
      customerDomain: facts.domain,
    });
  });

  it('maps each customer to its organization, the parent of its cases', async () => {
    const alex = await signedInClients(emulator, ALEX);
    for (const facts of emulator.control.data.customers(NORTHWIND).slice(0, 3)) {
      expect((await alex.resourceManager.findOrganization(facts.customerId))?.name).toBe(facts.organization);
    }
    expect(await alex.resourceManager.findOrganization('C00000000none')).toBeNull();
  });

  it('stops the lookups when the caller breaks out early', async () => {
    const alex = await signedInClients(emulator, ALEX);
    emulator.control.clearRequestLog();
    for await (const customer of alex.reseller.listCustomers({ concurrency: 2 })) {
      expect(customer.customerId).toBeTruthy();
      break;
    }
    const lookups = emulator.control.requestLog().filter((entry) => entry.route === 'customers.get');
    expect(lookups.length).toBeLessThanOrEqual(2);
  });
});
