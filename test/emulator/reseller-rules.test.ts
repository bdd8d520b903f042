import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  RESELLER_PRIVILEGES,
  type Case,
  type ResellerCustomer,
  type Subscriptions,
} from '../../main/google-wire/google-types';
import {
  CASE_CLASSIFICATIONS,
  DEFAULT_START_TIME,
  DEMO_USERS,
  LUMIERE_DOMAIN,
  NORTHWIND_DOMAIN,
  type RunningEmulator,
} from '../../main/emulator';
import { buildDemoDataset } from '../../main/emulator/seed/demo-data';
import { ApiCaller, errorInfoOf, newCase, orgOf, startTestEmulator, type RpcErrorBody } from './helpers/emulator-kit';

const classificationId = CASE_CLASSIFICATIONS[0]!.id;
const DAY = 24 * 60 * 60 * 1000;

describe('reseller rules (BACKEND.md §4)', () => {
  let emulator: RunningEmulator;
  let alex: ApiCaller;
  let claire: ApiCaller;
  let northwindOrg: string;
  let lumiereOrg: string;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    northwindOrg = orgOf(emulator, NORTHWIND_DOMAIN, { resellerAccess: true, changedReseller: false });
    lumiereOrg = orgOf(emulator, LUMIERE_DOMAIN, { resellerAccess: true, changedReseller: false });
  });
  beforeEach(() => {
    emulator.control.reset();
    alex = new ApiCaller(emulator, DEMO_USERS.alex);
    claire = new ApiCaller(emulator, DEMO_USERS.claire);
  });
  afterAll(() => emulator.close());

  describe('domain isolation', () => {
    it('hides the other domain’s organizations and cases as not found', async () => {
      const { json: theirCase } = await claire.post<Case>(`/v2/${lumiereOrg}/cases`, newCase(classificationId));
      for (const path of [
        `/v2/${lumiereOrg}/cases`,
        `/v2/${lumiereOrg}/cases:search`,
        `/v2/${theirCase.name}`,
        `/v2/${theirCase.name}/comments`,
        `/v2/${theirCase.name}/attachments`,
      ]) {
        const { status, json } = await alex.get<RpcErrorBody>(path);
        expect(status, path).toBe(404);
        expect(json.error.status).toBe('NOT_FOUND');
      }
      expect((await alex.post(`/v2/${lumiereOrg}/cases`, newCase(classificationId))).status).toBe(404);
      expect((await alex.post(`/v2/${theirCase.name}/comments`, { body: 'hello' })).status).toBe(404);
      expect((await alex.post(`/v2/${theirCase.name}:close`)).status).toBe(404);
      expect((await claire.get<Case>(`/v2/${theirCase.name}`)).json.state).toBe('NEW');
    });

    it('lists only its own customers’ subscriptions and refuses the other domain’s customer', async () => {
      const { json } = await alex.get<Subscriptions>('/apps/reseller/v1/subscriptions?maxResults=100');
      const ownIds = new Set(emulator.control.data.customers(NORTHWIND_DOMAIN).map((c) => c.customerId));
      expect(json.subscriptions?.length).toBeGreaterThan(0);
      expect(json.subscriptions?.every((s) => ownIds.has(s.customerId))).toBe(true);

      const theirs = emulator.control.data.customers(LUMIERE_DOMAIN)[0]!;
      const refused = await alex.get<RpcErrorBody>(`/apps/reseller/v1/customers/${theirs.customerId}`);
      expect(refused.status).toBe(403);
      expect(errorInfoOf(refused.json)?.reason).toBe('WRONG_RESELLER_DOMAIN');
      expect((await alex.get('/apps/reseller/v1/customers/C0nothere')).status).toBe(404);

      const mine = await alex.get<ResellerCustomer>(`/apps/reseller/v1/customers/${[...ownIds][0]}`);
      expect(mine.status).toBe(200);
      expect(mine.json.postalAddress?.organizationName).toBeTruthy();
      const byDomain = await alex.get<ResellerCustomer>(`/apps/reseller/v1/customers/${mine.json.customerDomain}`);
      expect(byDomain.json.customerId).toBe(mine.json.customerId);
    });

    it('pages subscriptions with maxResults and filters by customer name prefix', async () => {
      const seen: string[] = [];
      let token = '';
      do {
        const { json } = await alex.get<Subscriptions>(
          `/apps/reseller/v1/subscriptions?maxResults=3${token ? `&pageToken=${token}` : ''}`,
        );
        expect(json.subscriptions!.length).toBeLessThanOrEqual(3);
        seen.push(...json.subscriptions!.map((s) => s.subscriptionId));
        token = json.nextPageToken ?? '';
      } while (token);
      const all = await alex.get<Subscriptions>('/apps/reseller/v1/subscriptions');
      expect(all.json.subscriptions!.length).toBeLessThanOrEqual(20);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBeGreaterThanOrEqual(10);
      const acme = await alex.get<Subscriptions>('/apps/reseller/v1/subscriptions?customerNamePrefix=acme');
      expect(acme.json.subscriptions!.length).toBeGreaterThan(0);
      expect(acme.json.subscriptions!.every((s) => s.customerDomain?.startsWith('acme'))).toBe(true);
    });

    it('finds organizations only for its own customers', async () => {
      const theirs = emulator.control.data.customers(LUMIERE_DOMAIN)[0]!;
      const mine = emulator.control.data.customers(NORTHWIND_DOMAIN)[0]!;
      type Orgs = { organizations?: { name: string; directoryCustomerId: string }[] };
      const found = await alex.get<Orgs>(`/v3/organizations:search?query=directorycustomerid:${mine.customerId}`);
      expect(found.json.organizations?.map((o) => o.name)).toEqual([mine.organization]);
      const hidden = await alex.get<Orgs>(`/v3/organizations:search?query=directorycustomerid:${theirs.customerId}`);
      expect(hidden.json.organizations).toBeUndefined();
      expect((await alex.get(`/v3/${mine.organization}`)).json).toMatchObject({
        name: mine.organization,
        directoryCustomerId: mine.customerId,
      });
      expect((await alex.get(`/v3/${theirs.organization}`)).status).toBe(403);
      expect((await alex.get('/v3/organizations:search?query=owner:nobody')).status).toBe(400);
      expect((await alex.get(`/v2/projects/some-project/cases`)).status).toBe(404);
    });

    it('records in the request log which domain each call targeted', async () => {
      emulator.control.clearRequestLog();
      await alex.get(`/v2/${lumiereOrg}/cases`);
      await alex.get(`/v2/${northwindOrg}/cases`);
      const entries = emulator.control.requestLog().filter((e) => e.route === 'cases.list');
      expect(entries.map((e) => [e.tokenDomain, e.targetDomain, e.status])).toEqual([
        [NORTHWIND_DOMAIN, LUMIERE_DOMAIN, 404],
        [NORTHWIND_DOMAIN, NORTHWIND_DOMAIN, 200],
      ]);
    });
  });

  it('refuses case work for a customer without reseller access, naming it', async () => {
    const locked = emulator.control.data.customers(NORTHWIND_DOMAIN).find((c) => !c.resellerAccess)!;
    for (const response of [
      await alex.get<RpcErrorBody>(`/v2/${locked.organization}/cases`),
      await alex.post<RpcErrorBody>(`/v2/${locked.organization}/cases`, newCase(classificationId)),
    ]) {
      expect(response.status).toBe(403);
      expect(response.json.error.status).toBe('PERMISSION_DENIED');
      expect(errorInfoOf(response.json)).toMatchObject({
        reason: 'RESELLER_ACCESS_NOT_GRANTED',
        metadata: { customerId: locked.customerId },
      });
    }
  });

  it("follows the customer's admin withdrawing and granting reseller access (control)", async () => {
    const customer = emulator.control.data.customers(NORTHWIND_DOMAIN).find((c) => c.organization === northwindOrg)!;
    const setAccess = (body: unknown) =>
      fetch(`${emulator.url}/__control/reseller-access`, { method: 'POST', body: JSON.stringify(body) });
    expect((await setAccess({ customerId: customer.customerId, granted: false })).status).toBe(200);
    const refused = await alex.get<RpcErrorBody>(`/v2/${northwindOrg}/cases`);
    expect(refused.status).toBe(403);
    expect(errorInfoOf(refused.json)).toMatchObject({ reason: 'RESELLER_ACCESS_NOT_GRANTED' });
    expect(
      emulator.control.data.customers(NORTHWIND_DOMAIN).find((c) => c.organization === northwindOrg),
    ).toMatchObject({ resellerAccess: false });
    expect((await setAccess({ customerId: customer.customerId, granted: true })).status).toBe(200);
    expect((await alex.get(`/v2/${northwindOrg}/cases`)).status).toBe(200);
    expect((await setAccess({ customerId: 'C-nobody', granted: true })).status).toBe(400);
    expect((await setAccess({ customerId: customer.customerId, granted: 'yes' })).status).toBe(400);
  });

  it('names the privilege a user lacks, and lets them do what they may', async () => {
    const sam = new ApiCaller(emulator, DEMO_USERS.sam);
    const refused = await sam.get<RpcErrorBody>(`/v2/${northwindOrg}/cases`);
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toContain('"Support"');
    expect(errorInfoOf(refused.json)).toMatchObject({
      reason: 'MISSING_PRIVILEGE',
      metadata: { privilege: 'Support' },
    });
    expect((await sam.get('/apps/reseller/v1/subscriptions')).status).toBe(200);

    const hugo = new ApiCaller(emulator, DEMO_USERS.hugo);
    const hugoRefused = await hugo.get<RpcErrorBody>(`/v2/${lumiereOrg}/cases`);
    expect(hugoRefused.status).toBe(403);
    expect(errorInfoOf(hugoRefused.json)?.metadata?.privilege).toBe(RESELLER_PRIVILEGES[2]);
    expect((await hugo.get('/apps/reseller/v1/subscriptions')).status).toBe(200);
  });

  it('hides the cases a previous reseller filed for a customer that changed reseller', async () => {
    const moved = emulator.control.data.customers(NORTHWIND_DOMAIN).find((c) => c.changedReseller)!;
    const seeded = buildDemoDataset(Date.parse(DEFAULT_START_TIME)).cases.filter(
      (c) => `organizations/${c.orgNumber}` === moved.organization,
    );
    const previous = seeded.filter((c) => c.resellerDomain === LUMIERE_DOMAIN);
    const current = seeded.filter((c) => c.resellerDomain === NORTHWIND_DOMAIN);
    expect(previous.length).toBeGreaterThan(0);
    expect(current.length).toBeGreaterThan(0);

    const listed: string[] = [];
    let token = '';
    do {
      const { json } = await alex.get<{ cases?: Case[]; nextPageToken?: string }>(
        `/v2/${moved.organization}/cases?pageSize=100${token ? `&pageToken=${token}` : ''}`,
      );
      listed.push(...(json.cases ?? []).map((c) => c.name!));
      token = json.nextPageToken ?? '';
    } while (token);
    expect(listed.sort()).toEqual(current.map((c) => `${moved.organization}/cases/${c.id}`).sort());
    for (const old of previous) {
      expect((await alex.get(`/v2/${moved.organization}/cases/${old.id}`)).status).toBe(404);
      expect((await claire.get(`/v2/${moved.organization}/cases/${old.id}`)).status).toBe(404);
    }
  });

  it('has no delete: DELETE answers 404 NOT_FOUND', async () => {
    const { json: created } = await alex.post<Case>(`/v2/${northwindOrg}/cases`, newCase(classificationId));
    const { status, json } = await alex.call<RpcErrorBody>('DELETE', `/v2/${created.name}`);
    expect(status).toBe(404);
    expect(json.error.status).toBe('NOT_FOUND');
    expect((await alex.get(`/v2/${created.name}`)).status).toBe(200);
  });

  it('reopens a case by comment within 30 days of closing, and refuses after', async () => {
    const { json: created } = await alex.post<Case>(`/v2/${northwindOrg}/cases`, newCase(classificationId));
    await alex.post(`/v2/${created.name}:close`);
    emulator.control.clock.advance(29 * DAY);
    alex = new ApiCaller(emulator, DEMO_USERS.alex);
    expect((await alex.post(`/v2/${created.name}/comments`, { body: 'It happens again.' })).status).toBe(200);
    expect((await alex.get<Case>(`/v2/${created.name}`)).json.state).toBe('IN_PROGRESS_GOOGLE_SUPPORT');

    await alex.post(`/v2/${created.name}:close`);
    emulator.control.clock.advance(31 * DAY);
    alex = new ApiCaller(emulator, DEMO_USERS.alex);
    const refused = await alex.post<RpcErrorBody>(`/v2/${created.name}/comments`, { body: 'Still broken.' });
    expect(refused.status).toBe(400);
    expect(refused.json.error.status).toBe('FAILED_PRECONDITION');
    expect(errorInfoOf(refused.json)?.reason).toBe('REOPEN_WINDOW_EXPIRED');
    expect((await alex.get<Case>(`/v2/${created.name}`)).json.state).toBe('CLOSED');
  });

  it('accepts comments up to 12,800 characters', async () => {
    const { json: created } = await alex.post<Case>(`/v2/${northwindOrg}/cases`, newCase(classificationId));
    expect((await alex.post(`/v2/${created.name}/comments`, { body: 'x'.repeat(12_800) })).status).toBe(200);
    const refused = await alex.post<RpcErrorBody>(`/v2/${created.name}/comments`, { body: 'x'.repeat(12_801) });
    expect(refused.status).toBe(400);
    expect(refused.json.error.status).toBe('INVALID_ARGUMENT');
    expect((await alex.post(`/v2/${created.name}/comments`, { body: '   ' })).status).toBe(400);
  });
});
