import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvokeDispatcher } from '../../main/core/ipc/invoke-dispatcher';
import { DEMO_USERS, LUMIERE_DOMAIN, NORTHWIND_DOMAIN, startEmulator, type RunningEmulator } from '../../main/emulator';
import { DEFAULT_CASE_SORT, EMPTY_CASE_FILTERS } from '../../shared/model/case-query';
import { removeDataDir, signInDemoDomains, startCoreHarness, type CoreHarness } from './helpers/core-harness';

const allCases = (domain: string) => ({
  domain,
  filters: EMPTY_CASE_FILTERS,
  sort: DEFAULT_CASE_SORT,
  offset: 0,
  limit: 1000,
});

describe('two reseller domains side by side', () => {
  let emulator: RunningEmulator;
  let harness: CoreHarness;

  beforeAll(async () => {
    emulator = await startEmulator({ dataset: 'demo', control: true, agent: false });
    harness = await startCoreHarness({ emulator });
    await signInDemoDomains(harness);
  });
  afterAll(async () => {
    await harness.dispose();
    await removeDataDir(harness.dataDir);
    await emulator.close();
  });

  it('lists both accounts as tabs in sign-in order', async () => {
    const accounts = await harness.core.handlers['accounts:list']({});
    expect(accounts.map((account) => [account.domain, account.email, account.status])).toEqual([
      [NORTHWIND_DOMAIN, DEMO_USERS.alex, 'signed_in'],
      [LUMIERE_DOMAIN, DEMO_USERS.claire, 'signed_in'],
    ]);
  });

  it('syncs each domain to its own customers and cases only', async () => {
    const { core } = harness;
    for (const domain of [NORTHWIND_DOMAIN, LUMIERE_DOMAIN]) {
      const status = await core.handlers['sync:status']({ domain });
      expect(status).toMatchObject({ domain, state: 'idle' });
      expect(status.lastSyncedAt).not.toBeNull();

      const expectedCustomers = emulator.control.data.customers(domain);
      const customers = await core.handlers['customers:list']({ domain });
      expect(customers.map((customer) => customer.customerId).sort()).toEqual(
        expectedCustomers.map((customer) => customer.customerId).sort(),
      );
      const result = await core.handlers['cases:query'](allCases(domain));
      expect(result.total).toBeGreaterThan(0);
      expect(result.syncedAt).toBe(status.lastSyncedAt);
      const ids = new Set(customers.map((customer) => customer.customerId));
      for (const row of result.rows) {
        expect(row.domain).toBe(domain);
        expect(ids.has(row.customerId)).toBe(true);
      }
      expect(result.total).toBe(customers.reduce((sum, customer) => sum + customer.caseCount, 0));
    }
  });

  it('marks the customers that refuse reseller access', async () => {
    for (const domain of [NORTHWIND_DOMAIN, LUMIERE_DOMAIN]) {
      const facts = emulator.control.data.customers(domain);
      const customers = await harness.core.handlers['customers:list']({ domain });
      for (const customer of customers) {
        const fact = facts.find((candidate) => candidate.customerId === customer.customerId)!;
        expect(customer.access, customer.customerId).toBe(fact.resellerAccess ? 'granted' : 'not_granted');
        expect(customer.organization).toMatch(/^organizations\/\d+$/);
        if (!fact.resellerAccess) expect(customer.caseCount).toBe(0);
      }
      expect(customers.some((customer) => customer.access === 'not_granted')).toBe(true);
    }
  });

  it('never sends a token of one domain to the other domain', () => {
    const log = emulator.control.requestLog();
    const withToken = log.filter((entry) => entry.tokenDomain);
    expect(withToken.length).toBeGreaterThan(20);
    expect(new Set(withToken.map((entry) => entry.tokenDomain))).toEqual(new Set([NORTHWIND_DOMAIN, LUMIERE_DOMAIN]));
    const crossing = withToken.filter(
      (entry) => entry.targetDomain !== undefined && entry.targetDomain !== entry.tokenDomain,
    );
    expect(crossing).toEqual([]);
    expect(withToken.filter((entry) => entry.targetDomain !== undefined).length).toBeGreaterThan(10);
  });

  it('routes by domain: an unknown domain is refused, a bad payload is a bad_request', async () => {
    const dispatch = createInvokeDispatcher(harness.core.handlers);
    const unknown = await dispatch('cases:query', allCases('other-reseller.example'));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const bad = await dispatch('cases:query', { ...allCases(NORTHWIND_DOMAIN), limit: -1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request', detail: { field: 'limit' } } });
    const notADomain = await dispatch('sync:now', { domain: 'NOT A DOMAIN' });
    expect(notADomain).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const good = await dispatch('cases:query', { ...allCases(NORTHWIND_DOMAIN), limit: 5 });
    expect(good).toMatchObject({ ok: true });
  });

  it('reads a case in full, then serves it from the cache while refreshing it', async () => {
    const { core } = harness;
    const startedAt = Date.now();
    const rows = (await core.handlers['cases:query']({ ...allCases(NORTHWIND_DOMAIN), limit: 20 })).rows;
    let row = rows[0];
    let first = await core.handlers['case:get']({ domain: NORTHWIND_DOMAIN, name: row!.name });
    // The newest cases may have no reply yet; take the first one with a history.
    for (const candidate of rows.slice(1)) {
      if (first.detail!.comments.length > 0) break;
      row = candidate;
      first = await core.handlers['case:get']({ domain: NORTHWIND_DOMAIN, name: row.name });
    }
    expect(first.source).toBe('network');
    expect(first.detail).toMatchObject({ name: row!.name, domain: NORTHWIND_DOMAIN, title: row!.title });
    expect(first.detail!.comments.length).toBeGreaterThan(0);
    const changed = harness.waitForEvent('case:changed', (event) => event.detail.name === row!.name);
    const second = await core.handlers['case:get']({ domain: NORTHWIND_DOMAIN, name: row!.name });
    expect(second).toEqual({ detail: first.detail, source: 'cache', savedAt: expect.any(String) });
    // Saved when the first read answered: not before this test asked, not in the future.
    expect(Date.parse(second.savedAt!)).toBeGreaterThanOrEqual(startedAt);
    expect(Date.parse(second.savedAt!)).toBeLessThanOrEqual(Date.now());
    expect((await changed).domain).toBe(NORTHWIND_DOMAIN);
    const lumiere = await core.handlers['cases:query']({ ...allCases(LUMIERE_DOMAIN), limit: 1 });
    await expect(
      core.handlers['case:get']({ domain: NORTHWIND_DOMAIN, name: lumiere.rows[0]!.name }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('counts the cases that need the team on each tab', async () => {
    for (const account of await harness.core.handlers['accounts:list']({})) {
      const waiting = await harness.core.handlers['cases:query']({
        ...allCases(account.domain),
        filters: { ...EMPTY_CASE_FILTERS, states: ['ACTION_REQUIRED'] },
      });
      expect(account.attentionCount).toBe(waiting.total);
      expect(account.attentionCount).toBeGreaterThan(0);
    }
  });
});
