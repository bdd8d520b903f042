import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_SCOPES } from '../../../main/core/accounts/sign-in-flow';
import {
  DEMO_USERS,
  LUMIERE_DOMAIN,
  NORTHWIND_DOMAIN,
  startEmulator,
  type RunningEmulator,
} from '../../../main/emulator';
import type { ChangeBurst } from '../../../main/core/notifications/change-burst';
import { CAPABILITIES, diagnosticsSchema, type Capability, type Diagnostics } from '../../../shared/model/diagnostics';
import { removeDataDir, sentBy, signInDemoDomains, startCoreHarness, type CoreHarness } from '../helpers/core-harness';

const VIEW_FILTERS = { keyword: '', states: [], priorities: [] };

function outcomes(diagnostics: Diagnostics) {
  return diagnostics.probes.map((probe) => [probe.capability, probe.outcome.status]);
}

/** A direct call to the emulator as `email`, outside the app: what Google holds. */
async function asGoogleSees<T>(emulator: RunningEmulator, email: string, path: string): Promise<T> {
  const { access_token } = emulator.control.issueTokens(email);
  const response = await fetch(`${emulator.url}${path}`, { headers: { authorization: `Bearer ${access_token}` } });
  return (await response.json()) as T;
}

describe('diagnostics of healthy domains', () => {
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
  afterEach(() => emulator.control.faults.clear());

  it('probes every capability with one call each, ok, on the first customer and its first case', async () => {
    const users = { [NORTHWIND_DOMAIN]: DEMO_USERS.alex, [LUMIERE_DOMAIN]: DEMO_USERS.claire };
    for (const [domain, email] of Object.entries(users)) {
      const status = await harness.core.handlers['sync:status']({ domain });
      emulator.control.clearRequestLog();
      const diagnostics = await harness.core.handlers['diagnostics:run']({ domain });
      // What the contract promises the renderer, exactly (the schema strips nothing: it is the same object).
      expect(diagnosticsSchema.parse(diagnostics)).toEqual(diagnostics);
      expect(diagnostics).toMatchObject({ domain, email, backend: 'demo', endpoints: { ...emulator.endpoints } });
      expect(new Set(diagnostics.scopes)).toEqual(new Set(SIGN_IN_SCOPES));
      expect(outcomes(diagnostics)).toEqual(CAPABILITIES.map((capability) => [capability, 'ok']));
      // One call per capability, each a page of one where the API has a page size.
      const calls = emulator.control.requestLog().filter((entry) => entry.tokenDomain === domain);
      expect(calls.map((entry) => entry.route)).toEqual([
        'subscriptions.list',
        'customers.get',
        'organizations.search',
        'cases.list',
        'cases.search',
        'cases.comments.list',
        'caseClassifications.search',
      ]);
      const sent = harness.requests.filter((request) => request.domain === domain).slice(-calls.length);
      expect(sent.map(({ url }) => url.searchParams.get('pageSize') ?? url.searchParams.get('maxResults'))).toEqual([
        '1',
        null,
        null,
        '1',
        '1',
        '1',
        '1',
      ]);
      const [first] = emulator.control.data.customers(domain);
      const probe = (capability: Capability) => diagnostics.probes.find((found) => found.capability === capability);
      expect(probe('readCustomer')?.target).toBe(first?.customerId);
      expect(probe('findOrganization')?.target).toBe(first?.domain);
      expect(probe('listCases')?.target).toBe(first?.organization);
      const caseName = probe('readComments')?.target ?? '';
      expect(caseName.startsWith(`${first?.organization}/cases/`)).toBe(true);
      // The counts are what Google answered to a page of one.
      const cases = emulator.control.data
        .texts(domain)
        .filter((text) => text.name.startsWith(`${first?.organization}/`));
      expect(probe('listCases')?.outcome).toEqual({ status: 'ok', count: Math.min(1, cases.length) });
      expect(probe('listSubscriptions')?.outcome).toEqual({ status: 'ok', count: 1 });
      const comments = await asGoogleSees<{ comments?: unknown[] }>(emulator, email, `/v2/${caseName}/comments`);
      expect(probe('readComments')?.outcome).toEqual({
        status: 'ok',
        count: Math.min(1, comments.comments?.length ?? 0),
      });
      expect(probe('searchClassifications')?.outcome).toEqual({ status: 'ok', count: 1 });
      for (const found of diagnostics.probes) expect(found.durationMs).toBeGreaterThanOrEqual(0);
      expect(diagnostics.sync).toMatchObject({ lastSyncedAt: status.lastSyncedAt, state: status.state });
      expect(diagnostics.sync.lastDurationMs).toBeGreaterThanOrEqual(0);
      expect(Date.parse(diagnostics.ranAt)).toBeGreaterThanOrEqual(Date.parse(status.lastSyncedAt ?? ''));
    }
  });

  it('times the last sync pass', async () => {
    const before = Date.now();
    const status = await harness.core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN });
    const elapsed = Date.now() - before;
    const diagnostics = await harness.core.handlers['diagnostics:run']({ domain: NORTHWIND_DOMAIN });
    expect(diagnostics.sync.lastSyncedAt).toBe(status.lastSyncedAt);
    expect(diagnostics.sync.lastDurationMs).toBeGreaterThan(0);
    expect(diagnostics.sync.lastDurationMs).toBeLessThanOrEqual(elapsed);
  });

  it("counts the domain's requests and keeps its failed calls as the emulator answered them", async () => {
    const domain = NORTHWIND_DOMAIN;
    const first = await harness.core.handlers['diagnostics:run']({ domain });
    const sentBefore = sentBy(harness, domain);
    emulator.control.clearRequestLog();
    // Google fails a few calls of the next sync: the 503s are retried, the 500 after them ends the pass.
    emulator.control.faults.add({ route: 'cases.search', kind: '503', times: 2 });
    emulator.control.faults.add({ route: 'cases.search', kind: '500', times: 1 });
    await harness.core.handlers['sync:now']({ domain });
    // A fault answers before the token is read: its request is the domain's by the customer it names.
    const names = emulator.control.data
      .customers(domain)
      .flatMap((customer) => [customer.customerId, customer.organization]);
    const failed = emulator.control
      .requestLog()
      .filter(
        (entry) =>
          entry.status >= 400 &&
          (entry.tokenDomain === domain ||
            (entry.tokenDomain === undefined && names.some((name) => entry.path.includes(name)))),
      )
      .reverse();
    expect(failed.filter((entry) => entry.tokenDomain === undefined)).toHaveLength(3);
    const second = await harness.core.handlers['diagnostics:run']({ domain });
    expect(second.requestsLastHour - first.requestsLastHour).toBe(sentBy(harness, domain) - sentBefore);
    expect(second.requestsLastHour - first.requestsLastHour).toBeGreaterThan(CAPABILITIES.length);
    const added = second.recentErrors.slice(0, second.recentErrors.length - first.recentErrors.length);
    expect(added.map((error) => error.httpStatus)).toEqual(failed.map((entry) => entry.status));
    for (const [index, error] of added.entries()) {
      expect(error.method.endsWith(`.${failed[index]?.route}`)).toBe(true);
      expect(Date.parse(error.at)).toBeGreaterThanOrEqual(Date.parse(first.ranAt));
    }
    expect(added.filter((error) => error.code === 'server')).toHaveLength(3);
    expect(added.every((error) => error.message.length > 0)).toBe(true);
  });

  it('answers two runs asked at once with one set of probes', async () => {
    emulator.control.clearRequestLog();
    const [a, b] = await Promise.all([
      harness.core.handlers['diagnostics:run']({ domain: LUMIERE_DOMAIN }),
      harness.core.handlers['diagnostics:run']({ domain: LUMIERE_DOMAIN }),
    ]);
    expect(b).toEqual(a);
    expect(emulator.control.requestLog().filter((entry) => entry.route === 'subscriptions.list')).toHaveLength(1);
  });

  it("does not touch the cases: Google's changes stay for the sync to find and announce, nothing is marked read", async () => {
    const domain = NORTHWIND_DOMAIN;
    const probed = await harness.core.handlers['diagnostics:run']({ domain });
    const caseName = probed.probes.find((probe) => probe.capability === 'readComments')?.target ?? '';
    const query = () =>
      harness.core.handlers['cases:query']({
        domain,
        filters: VIEW_FILTERS,
        sort: { key: 'updateTime', direction: 'desc' },
        offset: 0,
        limit: 500,
      });
    const before = await query();
    const bursts: ChangeBurst[] = [];
    const stop = harness.core.onChanges((burst) => bursts.push(burst));
    emulator.control.actAsGoogle(caseName, { comment: 'Google support replied while the probes ran.' });
    const eventsBefore = harness.events.length;
    await harness.core.handlers['diagnostics:run']({ domain });
    const during = harness.events.slice(eventsBefore).map((event) => event.channel);
    expect(during).not.toContain('case:changed');
    expect(during).not.toContain('cases:changed');
    expect(bursts).toEqual([]);
    expect(await query()).toEqual(before);
    await harness.core.handlers['sync:now']({ domain });
    stop();
    expect(bursts.flatMap((burst) => burst.changes.map((change) => change.name))).toContain(caseName);
    const after = await query();
    expect(after.rows.find((row) => row.name === caseName)?.unread).toBe(true);
  });

  it("keeps the granted scopes in the account's record, never in the keychain nor in the tab's Account", async () => {
    const stored = harness.store.get<{ domain: string; scopes?: string[] }[]>('accounts') ?? [];
    for (const domain of [NORTHWIND_DOMAIN, LUMIERE_DOMAIN]) {
      expect(new Set(stored.find((account) => account.domain === domain)?.scopes)).toEqual(new Set(SIGN_IN_SCOPES));
    }
    for (const account of await harness.core.handlers['accounts:list']({}))
      expect(account).not.toHaveProperty('scopes');
    for (const secret of harness.secrets.entries.values()) expect(secret).not.toContain('auth/cloud-platform');
  });
});
