import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, NORTHWIND_DOMAIN, startEmulator, type RunningEmulator } from '../../main/emulator';
import { removeDataDir, startCoreHarness, type CoreHarness } from './helpers/core-harness';
import { casesOf, customerWith, newCase } from './helpers/case-action-fixtures';

/** Short, so the test runs on real time: the search lists a new case this long after it was filed. */
const INDEXING_DELAY_MS = 300;
const FOLLOW_UP_MS = 1_000;

describe('a filed case stops being pending by itself', () => {
  let emulator: RunningEmulator;
  let harness: CoreHarness;

  beforeAll(async () => {
    emulator = await startEmulator({ dataset: 'demo', agent: false, indexingDelayMs: INDEXING_DELAY_MS });
    // The interval alone would leave the case pending for an hour.
    harness = await startCoreHarness({ emulator, syncIntervalMs: 3_600_000, syncFollowUpMs: FOLLOW_UP_MS });
    await harness.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    await harness.core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN });
  });
  afterAll(async () => {
    await harness.dispose();
    await removeDataDir(harness.dataDir);
    await emulator.close();
  });

  it('without a manual refresh: the sync follows up soon after the create, then goes quiet', async () => {
    const customer = customerWith(emulator, NORTHWIND_DOMAIN, { resellerAccess: true });
    const created = await harness.core.handlers['case:create']({
      domain: NORTHWIND_DOMAIN,
      case: newCase(customer.customerId),
    });
    expect(created.pending).toBe(true);
    const row = async () =>
      (await harness.core.handlers['cases:query'](casesOf(NORTHWIND_DOMAIN, customer.customerId))).rows.find(
        (candidate) => candidate.name === created.name,
      );
    await expect.poll(async () => (await row())?.pending, { timeout: 15_000, interval: 200 }).toBe(false);
    // Nothing awaits the index any more: no pass follows within a few follow-up periods.
    const passes = () => harness.events.filter((event) => event.channel === 'sync:status').length;
    const settled = passes();
    await new Promise((resolve) => setTimeout(resolve, 3 * FOLLOW_UP_MS));
    expect(passes()).toBe(settled);
  });
});
