import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/app-error';
import { CAPABILITIES, REMEDIES, type Capability } from '../../../shared/model/diagnostics';
import { Paged } from '../../../main/core/api/paging';
import { mapNetworkError, mapRpcError } from '../../../main/core/api/rpc-error-mapper';
import {
  notTriedProbes,
  refusal,
  remediesFor,
  runProbes,
  type ProbeClients,
} from '../../../main/core/diagnostics/diagnostics-probe';
import { ManualClock } from '../../helpers/manual-clock';

const ORGANIZATION = 'organizations/123';

function page<T>(items: T[]): Paged<T> {
  return new Paged(async () => ({ items }));
}

/** Clients answering like a healthy domain, with the parts a test changes. */
function clients(overrides: {
  subscriptions?: { customerId: string }[];
  organization?: { name: string } | null;
  cases?: { name: string }[];
  searched?: { name: string }[];
}): ProbeClients & { calls: string[] } {
  const calls: string[] = [];
  const call = <T>(name: string, value: T): T => {
    calls.push(name);
    return value;
  };
  return {
    calls,
    reseller: {
      listSubscriptions: () =>
        call('subscriptions.list', page(overrides.subscriptions ?? [{ customerId: 'C1' }])) as never,
      getCustomer: async (customerId) => call('customers.get', { customerId, customerDomain: 'one.example' }) as never,
    },
    resourceManager: {
      findOrganization: async () =>
        call(
          'organizations.search',
          overrides.organization === undefined ? { name: ORGANIZATION } : overrides.organization,
        ) as never,
    },
    cloudSupport: {
      listCases: () => call('cases.list', page(overrides.cases ?? [{ name: `${ORGANIZATION}/cases/1` }])) as never,
      searchCases: () => call('cases.search', page(overrides.searched ?? [])) as never,
      listComments: () => call('comments.list', page([])) as never,
      searchClassifications: () => call('classifications.search', page([{ id: 'x' }])) as never,
    },
  };
}

function statuses(probes: Awaited<ReturnType<typeof runProbes>>): Record<string, string> {
  return Object.fromEntries(
    probes.map((probe) => [
      probe.capability,
      probe.outcome.status === 'not_tried' ? `not_tried:${probe.outcome.reason}` : probe.outcome.status,
    ]),
  );
}

describe('runProbes', () => {
  it('with no customer, tries what needs none: the classifications', async () => {
    const fake = clients({ subscriptions: [] });
    const probes = await runProbes(fake, new ManualClock());
    expect(probes.map((probe) => probe.capability)).toEqual([...CAPABILITIES]);
    expect(statuses(probes)).toEqual({
      listSubscriptions: 'ok',
      readCustomer: 'not_tried:no_customer',
      findOrganization: 'not_tried:no_customer',
      listCases: 'not_tried:no_customer',
      searchCases: 'not_tried:no_customer',
      readComments: 'not_tried:no_customer',
      searchClassifications: 'ok',
    });
    expect(fake.calls).toEqual(['subscriptions.list', 'classifications.search']);
  });

  it('with no case, reads no comments; a case only the search found is read', async () => {
    const none = await runProbes(clients({ cases: [], searched: [] }), new ManualClock());
    expect(statuses(none).readComments).toBe('not_tried:no_case');
    expect(statuses(none).searchClassifications).toBe('ok');
    const searched = await runProbes(
      clients({ cases: [], searched: [{ name: `${ORGANIZATION}/cases/9` }] }),
      new ManualClock(),
    );
    expect(searched.find((probe) => probe.capability === 'readComments')).toMatchObject({
      outcome: { status: 'ok', count: 0 },
      target: `${ORGANIZATION}/cases/9`,
    });
  });

  it('refuses the organization step when Google finds none, pointing to Cloud Identity', async () => {
    const fake = clients({ organization: null });
    const probes = await runProbes(fake, new ManualClock());
    expect(probes.find((probe) => probe.capability === 'findOrganization')).toMatchObject({
      target: 'one.example',
      outcome: {
        status: 'refused',
        httpStatus: 200,
        googleStatus: 'NOT_FOUND',
        code: 'not_found',
        remedies: ['cloud_identity'],
      },
    });
    expect(fake.calls).not.toContain('cases.list');
    expect(fake.calls).not.toContain('classifications.search');
  });

  it('says why nothing was tried for every capability at once', () => {
    expect(notTriedProbes('offline').map((probe) => [probe.capability, probe.outcome])).toEqual(
      CAPABILITIES.map((capability) => [capability, { status: 'not_tried', reason: 'offline' }]),
    );
  });
});

describe('remedies', () => {
  const forbidden = (reason: string, extra: Record<string, string> = {}) =>
    mapRpcError(403, {
      error: {
        code: 403,
        status: 'PERMISSION_DENIED',
        message: 'Refused.',
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, metadata: extra }],
      },
    });

  it("maps each of Google's refusals to the seed's remedy", () => {
    const cases: [Capability, AppError, string[]][] = [
      [
        'listCases',
        forbidden('MISSING_PRIVILEGE', { privilege: 'Support' }),
        ['reseller_admin_role', 'custom_role_privileges'],
      ],
      [
        'listSubscriptions',
        mapRpcError(403, { error: { code: 403, status: 'PERMISSION_DENIED', message: 'No.' } }),
        ['reseller_admin_role', 'custom_role_privileges'],
      ],
      ['listCases', forbidden('ACCESS_TOKEN_SCOPE_INSUFFICIENT'), ['sign_in_again']],
      ['listCases', forbidden('RESELLER_ACCESS_NOT_GRANTED', { customerId: 'C1' }), ['customer_grants_access']],
      ['readCustomer', forbidden('WRONG_RESELLER_DOMAIN'), ['cloud_identity']],
      [
        'searchCases',
        mapRpcError(404, { error: { code: 404, status: 'NOT_FOUND', message: 'Not found.' } }),
        ['cloud_identity'],
      ],
      ['readComments', mapRpcError(404, { error: { code: 404, status: 'NOT_FOUND', message: 'Not found.' } }), []],
      ['readCustomer', mapRpcError(401, undefined), ['sign_in_again']],
      [
        'listSubscriptions',
        mapRpcError(429, { error: { code: 429, status: 'RESOURCE_EXHAUSTED', message: 'Slow down.' } }),
        ['wait_quota'],
      ],
      ['listSubscriptions', mapRpcError(503, undefined), ['check_network']],
      [
        'listSubscriptions',
        mapNetworkError(Object.assign(new TypeError('fetch failed'), { code: 'ECONNREFUSED' })),
        ['check_network'],
      ],
      ['listSubscriptions', mapNetworkError(new Error('slow'), { timedOut: true }), ['check_network']],
      [
        'searchCases',
        mapRpcError(400, { error: { code: 400, status: 'INVALID_ARGUMENT', message: 'Bad query.' } }),
        [],
      ],
    ];
    for (const [capability, error, remedies] of cases) {
      expect(remediesFor(capability, error)).toEqual(remedies);
      for (const remedy of remedies) expect(REMEDIES).toContain(remedy);
    }
  });

  it("keeps Google's status and message, and no status when no answer came", () => {
    expect(refusal('listCases', forbidden('MISSING_PRIVILEGE', { privilege: 'Support' }))).toEqual({
      status: 'refused',
      httpStatus: 403,
      googleStatus: 'PERMISSION_DENIED',
      message: 'Refused.',
      code: 'missing_privilege',
      remedies: ['reseller_admin_role', 'custom_role_privileges'],
    });
    expect(refusal('listSubscriptions', mapNetworkError(new Error('down'), { timedOut: true }))).toMatchObject({
      httpStatus: null,
      googleStatus: 'timeout',
      code: 'timeout',
    });
    expect(refusal('listSubscriptions', new Error('bug'))).toMatchObject({ code: 'internal', remedies: [] });
    expect(refusal('listSubscriptions', new AppError('server', 'x'.repeat(5_000)))).toMatchObject({
      message: 'x'.repeat(2_000),
    });
  });
});
