import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESELLER_PRIVILEGES } from '../../main/core/api/google-types';
import {
  DEMO_ACCOUNTS,
  DEMO_USERS,
  LUMIERE_DOMAIN,
  NORTHWIND_DOMAIN,
  startEmulator,
  type RunningEmulator,
} from '../../main/emulator';
import { removeDataDir, startCoreHarness, type CoreHarness } from './helpers/core-harness';
import { customerWith, emulatorClock, newCase } from './helpers/case-action-fixtures';

const missingPrivilegeOf = (email: string) =>
  DEMO_ACCOUNTS.find((account) => account.email === email)!.missingPrivilege;

describe('case actions by users who lack a reseller privilege', () => {
  let emulator: RunningEmulator;
  let harness: CoreHarness;

  beforeAll(async () => {
    emulator = await startEmulator({ dataset: 'demo', control: true, agent: false, manualClock: true });
    harness = await startCoreHarness({ emulator, clock: emulatorClock(emulator), syncIntervalMs: 3_600_000 });
    // Sam lacks "Support", Hugo "Access customer support cases"; both can list their customers.
    await harness.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.sam });
    await harness.core.handlers['account:signIn']({ domain: LUMIERE_DOMAIN, loginHint: DEMO_USERS.hugo });
    await harness.core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN });
    await harness.core.handlers['sync:now']({ domain: LUMIERE_DOMAIN });
  });
  afterAll(async () => {
    await harness.dispose();
    await removeDataDir(harness.dataDir);
    await emulator.close();
  });

  it('refuses to file a case, naming the missing privilege, and files nothing', async () => {
    expect(missingPrivilegeOf(DEMO_USERS.sam)).toBe(RESELLER_PRIVILEGES[0]);
    expect(missingPrivilegeOf(DEMO_USERS.hugo)).toBe(RESELLER_PRIVILEGES[2]);
    for (const [domain, email] of [
      [NORTHWIND_DOMAIN, DEMO_USERS.sam],
      [LUMIERE_DOMAIN, DEMO_USERS.hugo],
    ] as const) {
      const customer = customerWith(emulator, domain, { resellerAccess: true });
      const listed = await harness.core.handlers['customers:list']({ domain });
      expect(listed.map((entry) => entry.customerId)).toContain(customer.customerId);
      const before = emulator.control.data.caseCount(domain);
      await expect(
        harness.core.handlers['case:create']({ domain, case: newCase(customer.customerId) }),
      ).rejects.toMatchObject({ code: 'missing_privilege', detail: { privilege: missingPrivilegeOf(email) } });
      expect(emulator.control.data.caseCount(domain)).toBe(before);
      expect(await harness.core.handlers['case:localeFor']({ domain, customerId: customer.customerId })).toBeNull();
    }
  });

  it('refuses the category search without "Support", allows it with it', async () => {
    await expect(
      harness.core.handlers['classifications:search']({ domain: NORTHWIND_DOMAIN, query: 'gmail' }),
    ).rejects.toMatchObject({ code: 'missing_privilege', detail: { privilege: RESELLER_PRIVILEGES[0] } });
    const found = await harness.core.handlers['classifications:search']({ domain: LUMIERE_DOMAIN, query: 'gmail' });
    expect(found.length).toBeGreaterThan(0);
  });

  it('refuses every action on an existing case, naming the missing privilege', async () => {
    const customer = customerWith(emulator, LUMIERE_DOMAIN, { resellerAccess: true, premiumSupport: true });
    const name = `${customer.organization}/cases/1`;
    const domain = LUMIERE_DOMAIN;
    const refusal = { code: 'missing_privilege', detail: { privilege: RESELLER_PRIVILEGES[2] } };
    await expect(harness.core.handlers['case:setPriority']({ domain, name, priority: 'P1' })).rejects.toMatchObject(
      refusal,
    );
    await expect(harness.core.handlers['case:close']({ domain, name })).rejects.toMatchObject(refusal);
    await expect(
      harness.core.handlers['case:escalate']({ domain, name, reason: 'BUSINESS_IMPACT', justification: 'Urgent.' }),
    ).rejects.toMatchObject(refusal);
    await expect(harness.core.handlers['case:comment']({ domain, name, body: 'Hello' })).rejects.toMatchObject(refusal);
    await expect(
      harness.core.handlers['case:setSubscribers']({ domain, name, emails: [`it@${customer.domain}`] }),
    ).rejects.toMatchObject(refusal);
  });
});
