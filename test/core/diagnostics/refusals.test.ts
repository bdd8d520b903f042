import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CASE_PRIVILEGES, CUSTOMER_PRIVILEGES } from '../../../main/emulator/access';
import {
  DEMO_ACCOUNTS,
  DEMO_USERS,
  LUMIERE_DOMAIN,
  NORTHWIND_DOMAIN,
  startEmulator,
  type RunningEmulator,
} from '../../../main/emulator';
import { RESELLER_PRIVILEGES } from '../../../main/google-wire/google-types';
import { CAPABILITIES, diagnosticsSchema, type Capability, type Diagnostics } from '../../../shared/model/diagnostics';
import { DomainLinks } from '../../helpers/domain-links';
import { removeDataDir, sentBy, signInDemoDomains, startCoreHarness, type CoreHarness } from '../helpers/core-harness';

/** The reseller privileges each capability needs, as the emulator enforces them (BACKEND.md §4.3). */
const NEEDED: Record<Capability, readonly string[]> = {
  listSubscriptions: CUSTOMER_PRIVILEGES,
  readCustomer: CUSTOMER_PRIVILEGES,
  findOrganization: CUSTOMER_PRIVILEGES,
  listCases: CASE_PRIVILEGES,
  searchCases: CASE_PRIVILEGES,
  readComments: CASE_PRIVILEGES,
  searchClassifications: [RESELLER_PRIVILEGES[0]],
};

/** Every outcome as `status` or `not_tried:reason`; and the whole answer as the contract shapes it. */
function outcomes(diagnostics: Diagnostics): [Capability, string][] {
  expect(diagnosticsSchema.parse(diagnostics)).toEqual(diagnostics);
  return diagnostics.probes.map((probe) => [
    probe.capability,
    probe.outcome.status === 'not_tried' ? `not_tried:${probe.outcome.reason}` : probe.outcome.status,
  ]);
}

function probeOf(diagnostics: Diagnostics, capability: Capability) {
  return diagnostics.probes.find((probe) => probe.capability === capability);
}

/** Every capability ok up to `refused`, it refused, and every later one not tried. */
function refusedAt(refused: Capability): [Capability, string][] {
  const at = CAPABILITIES.indexOf(refused);
  return CAPABILITIES.map((capability, index) => [
    capability,
    index < at ? 'ok' : index === at ? 'refused' : 'not_tried:earlier_step_failed',
  ]);
}

describe('diagnostics of users without a reseller privilege', () => {
  let emulator: RunningEmulator;
  let harness: CoreHarness;

  beforeAll(async () => {
    emulator = await startEmulator({ dataset: 'demo', control: true, agent: false });
    harness = await startCoreHarness({ emulator });
  });
  afterAll(async () => {
    await harness.dispose();
    await removeDataDir(harness.dataDir);
    await emulator.close();
  });

  const lacking = DEMO_ACCOUNTS.filter((account) => account.missingPrivilege !== undefined);

  it('has demo users who lack a privilege, one per demo domain', () => {
    expect(new Set(lacking.map((account) => account.domain))).toEqual(new Set([NORTHWIND_DOMAIN, LUMIERE_DOMAIN]));
  });

  for (const account of lacking) {
    it(`names the capability ${account.email} is refused, Google's answer and the role remedies`, async () => {
      await harness.core.handlers['account:signIn']({ domain: account.domain, loginHint: account.email });
      const diagnostics = await harness.core.handlers['diagnostics:run']({ domain: account.domain });
      expect(diagnostics.email).toBe(account.email);
      const refused = CAPABILITIES.find((capability) =>
        NEEDED[capability].some((privilege) => !account.privileges.includes(privilege)),
      );
      expect(refused).toBeDefined();
      expect(outcomes(diagnostics)).toEqual(refusedAt(refused as Capability));
      const outcome = probeOf(diagnostics, refused as Capability)?.outcome;
      expect(outcome).toMatchObject({
        status: 'refused',
        httpStatus: 403,
        googleStatus: 'PERMISSION_DENIED',
        code: 'missing_privilege',
        remedies: ['reseller_admin_role', 'custom_role_privileges'],
      });
      // Google's own message, naming the privilege.
      expect(outcome?.status === 'refused' && outcome.message).toContain(`"${account.missingPrivilege}"`);
      expect(diagnostics.recentErrors[0]).toMatchObject({ httpStatus: 403, code: 'missing_privilege' });
    });
  }
});

describe('diagnostics that stop before the end', () => {
  let emulator: RunningEmulator;
  let harness: CoreHarness;
  let links: DomainLinks;

  beforeAll(async () => {
    emulator = await startEmulator({ dataset: 'demo', control: true, agent: false });
    links = await DomainLinks.create();
    harness = await startCoreHarness({ emulator, links });
    await signInDemoDomains(harness);
  });
  afterAll(async () => {
    await harness.dispose();
    await removeDataDir(harness.dataDir);
    await emulator.close();
  });
  afterEach(() => links.restore(NORTHWIND_DOMAIN));

  it('tells that the first customer has not granted reseller access, and that the customer must', async () => {
    const [first] = emulator.control.data.customers(NORTHWIND_DOMAIN);
    const customerId = first?.customerId ?? '';
    emulator.control.setResellerAccess(customerId, false);
    try {
      const diagnostics = await harness.core.handlers['diagnostics:run']({ domain: NORTHWIND_DOMAIN });
      expect(outcomes(diagnostics)).toEqual(refusedAt('listCases'));
      expect(probeOf(diagnostics, 'listCases')).toMatchObject({
        target: first?.organization,
        outcome: {
          status: 'refused',
          httpStatus: 403,
          googleStatus: 'PERMISSION_DENIED',
          code: 'no_reseller_access',
          remedies: ['customer_grants_access'],
        },
      });
    } finally {
      emulator.control.setResellerAccess(customerId, true);
    }
    // Once the customer grants access again, the same probes go through.
    const after = await harness.core.handlers['diagnostics:run']({ domain: NORTHWIND_DOMAIN });
    expect(outcomes(after)).toEqual(CAPABILITIES.map((capability) => [capability, 'ok']));
  });

  it('probes a customer the sync reached, when the first one never granted reseller access', async () => {
    const [first] = emulator.control.data.customers(NORTHWIND_DOMAIN);
    const customerId = first?.customerId ?? '';
    emulator.control.setResellerAccess(customerId, false);
    try {
      // The sync learns which customers it can reach; the customers pane flags the others.
      expect((await harness.core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN })).state).toBe('idle');
      const customers = await harness.core.handlers['customers:list']({ domain: NORTHWIND_DOMAIN });
      expect(customers.find((customer) => customer.customerId === customerId)?.access).toBe('not_granted');

      const diagnostics = await harness.core.handlers['diagnostics:run']({ domain: NORTHWIND_DOMAIN });
      expect(outcomes(diagnostics)).toEqual(CAPABILITIES.map((capability) => [capability, 'ok']));
      const probed = probeOf(diagnostics, 'readCustomer')?.target;
      expect(probed).not.toBe(customerId);
      expect(customers.find((customer) => customer.customerId === probed)?.access).toBe('granted');
    } finally {
      emulator.control.setResellerAccess(customerId, true);
      await harness.core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN });
    }
  });

  it('tries nothing while the domain is offline, and the other domain still probes', async () => {
    links.cutOff(NORTHWIND_DOMAIN);
    const status = await harness.core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN });
    expect(status.state).toBe('offline');
    const sent = sentBy(harness, NORTHWIND_DOMAIN);
    const [offline, other] = await Promise.all([
      harness.core.handlers['diagnostics:run']({ domain: NORTHWIND_DOMAIN }),
      harness.core.handlers['diagnostics:run']({ domain: LUMIERE_DOMAIN }),
    ]);
    expect(sentBy(harness, NORTHWIND_DOMAIN)).toBe(sent);
    expect(outcomes(offline)).toEqual(CAPABILITIES.map((capability) => [capability, 'not_tried:offline']));
    expect(offline.sync.state).toBe('offline');
    // The sync's failed call is in the log: no answer, no HTTP status.
    expect(offline.recentErrors[0]).toMatchObject({ httpStatus: null, code: 'offline' });
    expect(outcomes(other)).toEqual(CAPABILITIES.map((capability) => [capability, 'ok']));
  });

  it('answers a refused probe with the network remedy when Google fails, without retrying it', async () => {
    emulator.control.clearRequestLog();
    emulator.control.faults.add({ route: 'organizations.search', kind: '503', times: 1 });
    const diagnostics = await harness.core.handlers['diagnostics:run']({ domain: LUMIERE_DOMAIN });
    emulator.control.faults.clear();
    expect(outcomes(diagnostics)).toEqual(refusedAt('findOrganization'));
    expect(probeOf(diagnostics, 'findOrganization')?.outcome).toMatchObject({
      status: 'refused',
      httpStatus: 503,
      googleStatus: 'UNAVAILABLE',
      code: 'server',
      remedies: ['check_network'],
    });
    // One attempt: a read the sync would retry up to five times.
    const searches = emulator.control.requestLog().filter((entry) => entry.route === 'organizations.search');
    expect(searches).toHaveLength(1);
  });

  it('tries nothing for a domain that must sign in again, and asks for the sign-in', async () => {
    emulator.control.revokeUserTokens(DEMO_USERS.claire);
    await harness.core.handlers['sync:now']({ domain: LUMIERE_DOMAIN });
    const accounts = await harness.core.handlers['accounts:list']({});
    expect(accounts.find((account) => account.domain === LUMIERE_DOMAIN)?.status).toBe('needs_sign_in');
    const diagnostics = await harness.core.handlers['diagnostics:run']({ domain: LUMIERE_DOMAIN });
    expect(outcomes(diagnostics)).toEqual(CAPABILITIES.map((capability) => [capability, 'not_tried:signed_out']));
    expect(diagnostics.recentErrors.map((error) => [error.method, error.code])).toContainEqual([
      'oauth2.token',
      'session_expired',
    ]);
  });
});

describe('diagnostics of a reseller domain without customers', () => {
  let emulator: RunningEmulator;
  let harness: CoreHarness;

  beforeAll(async () => {
    emulator = await startEmulator({ dataset: 'empty', control: true, agent: false });
    harness = await startCoreHarness({ emulator });
    await harness.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
  });
  afterAll(async () => {
    await harness.dispose();
    await removeDataDir(harness.dataDir);
    await emulator.close();
  });

  it('lists no subscription, tries nothing that needs a customer, and still searches the classifications', async () => {
    const diagnostics = await harness.core.handlers['diagnostics:run']({ domain: NORTHWIND_DOMAIN });
    expect(outcomes(diagnostics)).toEqual([
      ['listSubscriptions', 'ok'],
      ['readCustomer', 'not_tried:no_customer'],
      ['findOrganization', 'not_tried:no_customer'],
      ['listCases', 'not_tried:no_customer'],
      ['searchCases', 'not_tried:no_customer'],
      ['readComments', 'not_tried:no_customer'],
      ['searchClassifications', 'ok'],
    ]);
    expect(probeOf(diagnostics, 'listSubscriptions')?.outcome).toEqual({ status: 'ok', count: 0 });
  });
});
