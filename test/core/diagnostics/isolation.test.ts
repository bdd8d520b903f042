import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_ACCOUNTS,
  DEMO_USERS,
  LUMIERE_DOMAIN,
  NORTHWIND_DOMAIN,
  startEmulator,
  type RunningEmulator,
} from '../../../main/emulator';
import { removeDataDir, sentBy, startCoreHarness, type CoreHarness } from '../helpers/core-harness';

describe('diagnostics of two domains', () => {
  let emulator: RunningEmulator;
  let harness: CoreHarness;

  beforeAll(async () => {
    emulator = await startEmulator({ dataset: 'demo', control: true, agent: false });
    harness = await startCoreHarness({ emulator });
    // Alex works; Hugo lacks a privilege, so Lumière's traffic fails.
    await harness.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    await harness.core.handlers['account:signIn']({ domain: LUMIERE_DOMAIN, loginHint: DEMO_USERS.hugo });
    await harness.core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN });
    await harness.core.handlers['sync:now']({ domain: LUMIERE_DOMAIN });
  });
  afterAll(async () => {
    await harness.dispose();
    await removeDataDir(harness.dataDir);
    await emulator.close();
  });

  it("never shows one domain's requests, errors, people or customers in the other's", async () => {
    const start = {
      north: await harness.core.handlers['diagnostics:run']({ domain: NORTHWIND_DOMAIN }),
      north_sent: sentBy(harness, NORTHWIND_DOMAIN),
    };
    // Lumière's failing traffic: several syncs, each refused.
    for (let i = 0; i < 3; i += 1) await harness.core.handlers['sync:now']({ domain: LUMIERE_DOMAIN });
    const lumiere = await harness.core.handlers['diagnostics:run']({ domain: LUMIERE_DOMAIN });
    const north = await harness.core.handlers['diagnostics:run']({ domain: NORTHWIND_DOMAIN });

    // Northwind's count moved by its own requests only (its second probes), none of Lumière's.
    expect(north.requestsLastHour - start.north.requestsLastHour).toBe(
      sentBy(harness, NORTHWIND_DOMAIN) - start.north_sent,
    );
    expect(north.recentErrors).toEqual(start.north.recentErrors);
    expect(lumiere.recentErrors.filter((error) => error.code === 'missing_privilege').length).toBeGreaterThan(0);

    const forbidden = (domain: string) => [
      domain,
      ...DEMO_ACCOUNTS.filter((account) => account.domain === domain).map((account) => account.email),
      ...emulator.control.data
        .customers(domain)
        .flatMap((customer) => [customer.customerId, customer.domain, customer.organization]),
    ];
    const northText = JSON.stringify(north);
    for (const text of forbidden(LUMIERE_DOMAIN)) expect(northText).not.toContain(text);
    const lumiereText = JSON.stringify(lumiere);
    for (const text of forbidden(NORTHWIND_DOMAIN)) expect(lumiereText).not.toContain(text);
    // Each shows its own.
    expect(north.email).toBe(DEMO_USERS.alex);
    expect(lumiere.email).toBe(DEMO_USERS.hugo);
  });
});
