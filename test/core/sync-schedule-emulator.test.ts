import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CASE_CLASSIFICATIONS,
  DEMO_USERS,
  LUMIERE_DOMAIN,
  NORTHWIND_DOMAIN,
  startEmulator,
  type RunningEmulator,
} from '../../main/emulator';
import { createApiClients } from '../../main/core/api/api-client';
import { DEFAULT_SCHEDULE_INTERVALS, type SyncTier } from '../../main/core/sync/sync-schedule';
import { EMPTY_CASE_FILTERS } from '../../shared/model/case-query';
import { InFlight } from '../helpers/in-flight';
import { ManualClock } from '../helpers/manual-clock';
import { removeDataDir, startCoreHarness, type CoreHarness } from './helpers/core-harness';

const MINUTE = 60_000;

describe('the sync schedule against the emulator', () => {
  let emulator: RunningEmulator;
  let harness: CoreHarness;
  let clock: ManualClock;
  const inFlight = new InFlight();

  /** Moves both clocks a second at a time, letting every pass that falls due run to its end. */
  const run = async (ms: number) => {
    for (let step = 0; step < ms; step += 1_000) {
      emulator.control.clock.advance(1_000);
      clock.advance(1_000);
      for (let calm = 0; calm < 2;) {
        await new Promise((resolve) => setImmediate(resolve));
        calm = inFlight.count === 0 ? calm + 1 : 0;
      }
    }
  };

  beforeAll(async () => {
    emulator = await startEmulator({
      dataset: { scale: { customersPerDomain: 40, casesPerDomain: 60 } },
      control: true,
      agent: false,
      manualClock: true,
    });
    clock = new ManualClock(emulator.control.clock.now());
    // The app's own intervals: a 1 ms floor leaves every default as it is.
    harness = await startCoreHarness({ emulator, clock, links: inFlight, syncIntervalMs: 1, syncFollowUpMs: 5_000 });
    await harness.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    expect((await harness.core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN })).state).toBe('idle');
  }, 60_000);
  afterAll(async () => {
    await harness.dispose();
    await removeDataDir(harness.dataDir);
    await emulator.close();
  });

  /** Each customer's tier as its cached cases say, worked out here from what the core lists. */
  async function expectedTiers(): Promise<Map<string, { organization: string; tier: SyncTier }>> {
    const tiers = new Map<string, { organization: string; tier: SyncTier }>();
    for (const customer of await harness.core.handlers['customers:list']({ domain: NORTHWIND_DOMAIN })) {
      if (!customer.organization) continue;
      const { rows } = await harness.core.handlers['cases:query']({
        domain: NORTHWIND_DOMAIN,
        customerId: customer.customerId,
        filters: EMPTY_CASE_FILTERS,
        sort: { key: 'updateTime', direction: 'desc' },
        offset: 0,
        limit: 1_000,
      });
      const open = rows.filter((row) => row.state !== 'CLOSED');
      const tier: SyncTier =
        customer.access === 'not_granted'
          ? 'denied'
          : open.some((row) => row.state === 'NEW' || row.state === 'IN_PROGRESS_GOOGLE_SUPPORT')
            ? 'hot'
            : open.length > 0
              ? 'warm'
              : 'quiet';
      tiers.set(customer.customerId, { organization: customer.organization, tier });
    }
    return tiers;
  }

  it('after the full first pass, searches each customer as often as its tier says, and lists customers cheaply', async () => {
    const tiers = await expectedTiers();
    const kinds = new Set([...tiers.values()].map(({ tier }) => tier));
    // The data set has every tier but pending; otherwise this test would prove little.
    expect([...kinds].sort()).toEqual(['denied', 'hot', 'quiet', 'warm']);
    const from = harness.requests.length;
    const duration = 61 * MINUTE;
    await run(duration);
    const requests = harness.requests.slice(from);
    const searches = (organization: string) =>
      requests.filter((request) => request.url.pathname.endsWith(`${organization}/cases:search`)).length;
    for (const [customerId, { organization, tier }] of tiers) {
      const interval = DEFAULT_SCHEDULE_INTERVALS[tier];
      const count = searches(organization);
      const context = `${customerId} (${tier})`;
      // Once per interval (give or take the first one, which keeps the customer's phase).
      expect(count, context).toBeGreaterThanOrEqual(Math.floor(duration / interval) - 1);
      expect(count, context).toBeLessThanOrEqual(Math.ceil(duration / interval) + 1);
    }
    // The hourly listing pages the subscriptions and reads no known customer again.
    expect(requests.filter((request) => request.url.pathname.includes('/subscriptions')).length).toBeGreaterThan(0);
    expect(requests.filter((request) => /\/customers\/[^/]+$/.test(request.url.pathname))).toEqual([]);
  }, 120_000);

  it('a case filed outside the app for a quiet customer is in the cache within the quiet interval', async () => {
    const tiers = await expectedTiers();
    const [customerId, { organization }] = [...tiers].find(([, { tier }]) => tier === 'quiet')!;
    const outside = createApiClients({
      fetch: (input, init) => fetch(input, init),
      endpoints: emulator.endpoints,
      tokenProvider: {
        getAccessToken: async () => emulator.control.issueTokens(DEMO_USERS.alex).access_token,
        invalidate: () => undefined,
      },
    });
    const filed = await outside.cloudSupport.createCase(organization, {
      displayName: 'Calendar invitations are not delivered',
      description: 'Invitations sent to external guests never arrive.',
      classificationId: CASE_CLASSIFICATIONS[0]!.id,
      priority: 'P3',
    });
    const filedAt = clock.now();
    let seenAt: number | undefined;
    while (seenAt === undefined && clock.now() - filedAt <= DEFAULT_SCHEDULE_INTERVALS.quiet + 10_000) {
      await run(5_000);
      const { rows } = await harness.core.handlers['cases:query']({
        domain: NORTHWIND_DOMAIN,
        customerId,
        filters: EMPTY_CASE_FILTERS,
        sort: { key: 'updateTime', direction: 'desc' },
        offset: 0,
        limit: 10,
      });
      if (rows.some((row) => row.name === filed.name)) seenAt = clock.now();
    }
    expect(seenAt).toBeDefined();
    expect(seenAt! - filedAt).toBeLessThanOrEqual(DEFAULT_SCHEDULE_INTERVALS.quiet + 10_000);
    // Now waiting on Google: its customer turns hot and is searched within the hot interval.
    const before = harness.requests.length;
    await run(DEFAULT_SCHEDULE_INTERVALS.hot + 10_000);
    expect(
      harness.requests.slice(before).filter((request) => request.url.pathname.endsWith(`${organization}/cases:search`))
        .length,
    ).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('a case the user opens is re-read about every 20 s, with a full read only when it changed', async () => {
    const tiers = await expectedTiers();
    const [customerId] = [...tiers].find(([, { tier }]) => tier === 'warm')!;
    const { rows } = await harness.core.handlers['cases:query']({
      domain: NORTHWIND_DOMAIN,
      customerId,
      filters: EMPTY_CASE_FILTERS,
      sort: { key: 'updateTime', direction: 'desc' },
      offset: 0,
      limit: 1,
    });
    const name = rows[0]!.name;
    await harness.core.handlers['case:get']({ domain: NORTHWIND_DOMAIN, name });
    await run(1_000);
    const before = harness.requests.length;
    await run(2 * MINUTE);
    const reads = harness.requests.slice(before).filter((request) => request.url.pathname === `/v2/${name}`);
    expect(reads.length).toBeGreaterThanOrEqual(4);
    expect(reads.length).toBeLessThanOrEqual(7);
    // Unchanged: no comments read again.
    expect(harness.requests.slice(before).some((request) => request.url.pathname === `/v2/${name}/comments`)).toBe(
      false,
    );
  }, 60_000);

  it("never follows up another domain's case: a name under another reseller's customer is refused, never asked for", async () => {
    const foreign = `${emulator.control.data.customers(LUMIERE_DOMAIN)[0]!.organization}/cases/60000001`;
    await expect(harness.core.handlers['case:get']({ domain: NORTHWIND_DOMAIN, name: foreign })).rejects.toMatchObject({
      code: 'not_found',
    });
    const before = harness.requests.length;
    await run(2 * MINUTE);
    expect(harness.requests.slice(before).filter((request) => request.url.pathname.includes(foreign))).toEqual([]);
  }, 60_000);
});
