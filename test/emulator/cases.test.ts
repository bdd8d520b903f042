import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Case } from '../../main/google-wire/google-types';
import { CASE_CLASSIFICATIONS, DEMO_USERS, NORTHWIND_DOMAIN, type RunningEmulator } from '../../main/emulator';
import { ApiCaller, errorInfoOf, newCase, orgOf, startTestEmulator, type RpcErrorBody } from './helpers/emulator-kit';

type CaseList = { cases?: Case[]; nextPageToken?: string };
const gmail = CASE_CLASSIFICATIONS.find((c) => c.displayName.includes('Gmail'))!;

describe('Cloud Support cases', () => {
  let emulator: RunningEmulator;
  let alex: ApiCaller;
  let org: string;
  let premiumOrg: string;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    alex = new ApiCaller(emulator, DEMO_USERS.alex);
    org = orgOf(emulator, NORTHWIND_DOMAIN, { resellerAccess: true, premiumSupport: false, changedReseller: false });
    premiumOrg = orgOf(emulator, NORTHWIND_DOMAIN, { resellerAccess: true, premiumSupport: true });
  });
  beforeEach(() => emulator.control.reset());
  afterAll(() => emulator.close());

  async function listAll(path: string): Promise<Case[]> {
    const all: Case[] = [];
    let token: string | undefined;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const { status, json } = await alex.get<CaseList>(
        `${path}${token ? `${separator}pageToken=${encodeURIComponent(token)}` : ''}`,
      );
      expect(status).toBe(200);
      all.push(...(json.cases ?? []));
      token = json.nextPageToken;
    } while (token);
    return all;
  }

  it('lists 10 cases per page by default, newest update first, until no token is left', async () => {
    const first = await alex.get<CaseList>(`/v2/${org}/cases`);
    expect(first.json.cases).toHaveLength(10);
    expect(first.json.nextPageToken).toBeTruthy();
    const all = await listAll(`/v2/${org}/cases`);
    expect(all.length).toBeGreaterThan(10);
    expect(new Set(all.map((c) => c.name)).size).toBe(all.length);
    const times = all.map((c) => Date.parse(c.updateTime!));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    for (const c of all) expect(c.name).toMatch(new RegExp(`^${org}/cases/\\d+$`));
  });

  it('filters by state (OPEN = not CLOSED, or an exact state), priority with OR, and creator', async () => {
    const all = await listAll(`/v2/${org}/cases`);
    const open = await listAll(`/v2/${org}/cases?filter=${encodeURIComponent('state=OPEN')}`);
    expect(open.map((c) => c.name).sort()).toEqual(
      all
        .filter((c) => c.state !== 'CLOSED')
        .map((c) => c.name)
        .sort(),
    );
    const closed = await listAll(`/v2/${org}/cases?filter=${encodeURIComponent('state=CLOSED')}`);
    expect(closed.length + open.length).toBe(all.length);
    const filter = encodeURIComponent('state=OPEN AND (priority=P1 OR priority=P2)');
    const urgent = await listAll(`/v2/${org}/cases?filter=${filter}`);
    expect(urgent.map((c) => c.name).sort()).toEqual(
      all
        .filter((c) => c.state !== 'CLOSED' && (c.priority === 'P1' || c.priority === 'P2'))
        .map((c) => c.name)
        .sort(),
    );
    const mine = await listAll(`/v2/${org}/cases?filter=${encodeURIComponent(`creator.email="${DEMO_USERS.alex}"`)}`);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c) => c.creator?.email === DEMO_USERS.alex)).toBe(true);
  });

  it('refuses a malformed filter with INVALID_ARGUMENT naming the problem', async () => {
    const { status, json } = await alex.get<RpcErrorBody>(
      `/v2/${org}/cases?filter=${encodeURIComponent('state=OPEN AND priority=P7')}`,
    );
    expect(status).toBe(400);
    expect(json.error.status).toBe('INVALID_ARGUMENT');
    expect(json.error.message).toContain('Invalid priority "P7"');
  });

  it('refuses a page token reused with another filter', async () => {
    const first = await alex.get<CaseList>(`/v2/${org}/cases`);
    const { status, json } = await alex.get<RpcErrorBody>(
      `/v2/${org}/cases?filter=state%3DOPEN&pageToken=${first.json.nextPageToken}`,
    );
    expect(status).toBe(400);
    expect(json.error.status).toBe('INVALID_ARGUMENT');
  });

  it('creates a case that get and list see at once, and search only after the indexing delay', async () => {
    const created = await alex.post<Case>(
      `/v2/${org}/cases`,
      newCase(gmail.id, {
        subscriberEmailAddresses: ['it@blueharbordental.example'],
        displayName: 'Quarantine xylophone digest',
      }),
    );
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({
      state: 'NEW',
      priority: 'P2',
      escalated: false,
      classification: gmail,
      creator: { email: DEMO_USERS.alex, googleSupport: false },
    });
    expect(created.json.name).toMatch(new RegExp(`^${org}/cases/\\d+$`));
    expect((await alex.get<Case>(`/v2/${created.json.name}`)).json.displayName).toBe('Quarantine xylophone digest');
    expect((await alex.get<CaseList>(`/v2/${org}/cases`)).json.cases?.[0]?.name).toBe(created.json.name);
    const search = () => alex.get<CaseList>(`/v2/${org}/cases:search?query=${encodeURIComponent('"xylophone"')}`);
    expect((await search()).json.cases).toBeUndefined();
    emulator.control.clock.advance(2000);
    expect((await search()).json.cases?.map((c) => c.name)).toEqual([created.json.name]);
  });

  it('refuses a case without its required fields, listing each in BadRequest', async () => {
    const { status, json } = await alex.post<RpcErrorBody>(`/v2/${org}/cases`, { classification: { id: 'nope' } });
    expect(status).toBe(400);
    expect(json.error.status).toBe('INVALID_ARGUMENT');
    const fields = json.error.details
      ?.find((d) => d['@type'].endsWith('BadRequest'))
      ?.fieldViolations?.map((v) => v.field);
    expect(fields).toEqual(
      expect.arrayContaining(['case.display_name', 'case.description', 'case.classification.id', 'case.priority']),
    );
  });

  it('maps the deprecated severity Sn to priority Pn', async () => {
    const { json } = await alex.post<Case>(
      `/v2/${org}/cases`,
      newCase(gmail.id, { priority: undefined, severity: 'S1' }),
    );
    expect(json.priority).toBe('P1');
  });

  it('patches only the fields of the update mask', async () => {
    const { json: created } = await alex.post<Case>(
      `/v2/${org}/cases`,
      newCase(gmail.id, { subscriberEmailAddresses: ['a@blueharbordental.example'] }),
    );
    const patched = await alex.call<Case>('PATCH', `/v2/${created.name}?updateMask=priority`, {
      priority: 'P1',
      displayName: 'ignored',
    });
    expect(patched.json).toMatchObject({
      priority: 'P1',
      displayName: created.displayName,
      subscriberEmailAddresses: ['a@blueharbordental.example'],
    });
    const renamed = await alex.call<Case>(
      'PATCH',
      `/v2/${created.name}?updateMask=display_name,subscriberEmailAddresses`,
      {
        displayName: 'Renamed',
        subscriberEmailAddresses: ['b@blueharbordental.example'],
      },
    );
    expect(renamed.json).toMatchObject({
      displayName: 'Renamed',
      priority: 'P1',
      subscriberEmailAddresses: ['b@blueharbordental.example'],
    });
  });

  it('overwrites every supported field with an empty mask, wiping an omitted subscriber list', async () => {
    const { json: created } = await alex.post<Case>(
      `/v2/${org}/cases`,
      newCase(gmail.id, { subscriberEmailAddresses: ['a@blueharbordental.example'] }),
    );
    const { json } = await alex.call<Case>('PATCH', `/v2/${created.name}`, {
      priority: 'P3',
      displayName: 'Same title',
    });
    expect(json).toMatchObject({ priority: 'P3', displayName: 'Same title', subscriberEmailAddresses: [] });
  });

  it('refuses an update mask path that cannot be updated', async () => {
    const { json: created } = await alex.post<Case>(`/v2/${org}/cases`, newCase(gmail.id));
    const { status, json } = await alex.call<RpcErrorBody>('PATCH', `/v2/${created.name}?updateMask=description`, {
      description: 'x',
    });
    expect(status).toBe(400);
    expect(json.error.message).toContain('"description"');
  });

  it('closes a case once', async () => {
    const { json: created } = await alex.post<Case>(`/v2/${org}/cases`, newCase(gmail.id));
    const closed = await alex.post<Case>(`/v2/${created.name}:close`);
    expect(closed.json.state).toBe('CLOSED');
    const again = await alex.post<RpcErrorBody>(`/v2/${created.name}:close`);
    expect(again.status).toBe(400);
    expect(again.json.error.status).toBe('FAILED_PRECONDITION');
  });

  it('escalates a case of a Premium customer only', async () => {
    const escalation = { escalation: { reason: 'BUSINESS_IMPACT', justification: 'Payroll cannot be sent.' } };
    const { json: premiumCase } = await alex.post<Case>(`/v2/${premiumOrg}/cases`, newCase(gmail.id));
    const escalated = await alex.post<Case>(`/v2/${premiumCase.name}:escalate`, escalation);
    expect(escalated.status).toBe(200);
    expect(escalated.json.escalated).toBe(true);

    const { json: plainCase } = await alex.post<Case>(`/v2/${org}/cases`, newCase(gmail.id));
    const refused = await alex.post<RpcErrorBody>(`/v2/${plainCase.name}:escalate`, escalation);
    expect(refused.status).toBe(400);
    expect(refused.json.error.status).toBe('FAILED_PRECONDITION');
    expect(errorInfoOf(refused.json)?.reason).toBe('ESCALATION_REQUIRES_PREMIUM_SUPPORT');

    const invalid = await alex.post<RpcErrorBody>(`/v2/${premiumCase.name}:escalate`, {
      escalation: { reason: 'BORED' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.status).toBe('INVALID_ARGUMENT');
  });

  it('searches by keyword in comments and by update time, newest first', async () => {
    const { json: created } = await alex.post<Case>(`/v2/${org}/cases`, newCase(gmail.id));
    await alex.post(`/v2/${created.name}/comments`, { body: 'The Zanzibar relay logs are attached.' });
    emulator.control.clock.advance(2000);
    const byComment = await alex.get<CaseList>(
      `/v2/${org}/cases:search?query=${encodeURIComponent('"zanzibar RELAY"')}`,
    );
    expect(byComment.json.cases?.map((c) => c.name)).toEqual([created.name]);
    const since = new Date(emulator.control.clock.now() - 60_000).toISOString();
    const recent = await alex.get<CaseList>(
      `/v2/${org}/cases:search?query=${encodeURIComponent(`update_time>"${since}"`)}`,
    );
    expect(recent.json.cases?.map((c) => c.name)).toEqual([created.name]);
    const all = await listAll(`/v2/${org}/cases:search?query=`);
    const times = all.map((c) => Date.parse(c.updateTime!));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('searches case classifications by keyword, display name pattern and id', async () => {
    type Found = { caseClassifications?: { id: string; displayName: string }[] };
    const gmailHits = await alex.get<Found>('/v2/caseClassifications:search?query=gmail%20delivery');
    expect(gmailHits.json.caseClassifications?.map((c) => c.displayName)).toEqual([
      'Google Workspace > Gmail > Delivery issues',
    ]);
    const drive = await alex.get<Found>(
      `/v2/caseClassifications:search?query=${encodeURIComponent('display_name:"*Google Drive*"')}`,
    );
    expect(drive.json.caseClassifications?.length).toBeGreaterThanOrEqual(4);
    const byId = await alex.get<Found>(
      `/v2/caseClassifications:search?query=${encodeURIComponent(`id:"${gmail.id}"`)}`,
    );
    expect(byId.json.caseClassifications).toEqual([gmail]);
  });
});
