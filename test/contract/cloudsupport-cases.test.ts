import { Common, type cloudsupport_v2 } from 'googleapis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoogleClients } from './google-clients';
import {
  clientsFor,
  customerWhere,
  NORTHWIND,
  organizationOf,
  startContractEmulator,
  USERS,
  type Emulator,
} from './contract-fixture';

/**
 * Contract: Google's generated Cloud Support v2 client (googleapis) against the
 * emulator, for every case method Partner Desk uses. If the emulator drifts from the
 * real wire format (paths, parameter names, body shapes), these calls break here.
 */

const CASE_NAME = /^organizations\/\d+\/cases\/[^/]+$/;
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const OPEN_STATES = ['NEW', 'IN_PROGRESS_GOOGLE_SUPPORT', 'ACTION_REQUIRED', 'SOLUTION_PROVIDED'];

let emulator: Emulator;
let alex: GoogleClients;
let premiumOrg: string;
let standardOrg: string;

beforeAll(async () => {
  emulator = await startContractEmulator();
  alex = clientsFor(emulator, USERS.alex);
  premiumOrg = await organizationOf(
    alex,
    customerWhere(emulator, NORTHWIND, { resellerAccess: true, premiumSupport: true, changedReseller: false })
      .customerId,
  );
  standardOrg = await organizationOf(
    alex,
    customerWhere(emulator, NORTHWIND, { resellerAccess: true, premiumSupport: false, changedReseller: false })
      .customerId,
  );
});

afterAll(async () => {
  await emulator.close();
});

function expectWellFormedCase(found: cloudsupport_v2.Schema$Case, parent?: string): void {
  expect(found.name).toMatch(CASE_NAME);
  if (parent) expect(found.name!.startsWith(`${parent}/cases/`)).toBe(true);
  expect(found.displayName).toBeTruthy();
  expect(found.description).toBeTruthy();
  expect(found.classification?.id).toBeTruthy();
  expect(found.classification?.displayName).toBeTruthy();
  expect(found.state).toMatch(/^(NEW|IN_PROGRESS_GOOGLE_SUPPORT|ACTION_REQUIRED|SOLUTION_PROVIDED|CLOSED)$/);
  expect(found.priority).toMatch(/^P[0-4]$/);
  expect(found.createTime).toMatch(ISO_TIME);
  expect(found.updateTime).toMatch(ISO_TIME);
  expect(found.creator?.email).toContain('@');
  expect(typeof found.escalated).toBe('boolean');
}

async function newCase(parent: string, title: string): Promise<cloudsupport_v2.Schema$Case> {
  const classification = await anyClassification('Gmail');
  const { data } = await alex.cloudsupport.cases.create({
    parent,
    requestBody: {
      displayName: title,
      description: 'Contract test: created through googleapis.',
      classification: { id: classification.id! },
      priority: 'P3',
      timeZone: 'Europe/Paris',
      languageCode: 'en',
      subscriberEmailAddresses: ['helpdesk@northwind-reseller.example'],
      testCase: true,
    },
  });
  return data;
}

async function anyClassification(query: string): Promise<cloudsupport_v2.Schema$CaseClassification> {
  const { data } = await alex.cloudsupport.caseClassifications.search({ query });
  const first = data.caseClassifications?.[0];
  if (!first?.id) throw new Error(`No classification matches "${query}".`);
  return first;
}

describe('caseClassifications.search', () => {
  it('finds Workspace categories by keyword, with ids and display names, and pages', async () => {
    const { status, data } = await alex.cloudsupport.caseClassifications.search({ query: 'Gmail', pageSize: 2 });
    expect(status).toBe(200);
    expect(data.caseClassifications).toHaveLength(2);
    for (const found of data.caseClassifications!) {
      expect(found.id).toBeTruthy();
      expect(found.displayName).toMatch(/Gmail/);
    }
    expect(data.nextPageToken).toBeTruthy();
    const next = await alex.cloudsupport.caseClassifications.search({
      query: 'Gmail',
      pageSize: 2,
      pageToken: data.nextPageToken!,
    });
    expect(next.data.caseClassifications?.[0]?.id).not.toBe(data.caseClassifications![0]!.id);
  });
});

describe('cases.list', () => {
  it('lists the direct children of an organization, 10 per page by default', async () => {
    const { status, data } = await alex.cloudsupport.cases.list({ parent: premiumOrg });
    expect(status).toBe(200);
    expect(data.cases!.length).toBeGreaterThan(0);
    expect(data.cases!.length).toBeLessThanOrEqual(10);
    for (const found of data.cases!) expectWellFormedCase(found, premiumOrg);
  });

  it('applies a filter on state and priority', async () => {
    const { data } = await alex.cloudsupport.cases.list({ parent: premiumOrg, filter: 'state=CLOSED', pageSize: 100 });
    expect(data.cases!.length).toBeGreaterThan(0);
    for (const found of data.cases!) expect(found.state).toBe('CLOSED');
    const open = await alex.cloudsupport.cases.list({
      parent: premiumOrg,
      filter: 'state=OPEN AND (priority=P1 OR priority=P2)',
      pageSize: 100,
    });
    for (const found of open.data.cases ?? []) {
      expect(OPEN_STATES).toContain(found.state);
      expect(['P1', 'P2']).toContain(found.priority);
    }
  });
});

describe('cases.search', () => {
  it('matches a keyword with state and priority', async () => {
    const created = await newCase(premiumOrg, 'Contract search: quarantined invoices');
    const { status, data } = await alex.cloudsupport.cases.search({
      parent: premiumOrg,
      query: '"quarantined invoices" AND state=OPEN AND priority=P3',
    });
    expect(status).toBe(200);
    expect(data.cases?.map((found) => found.name)).toEqual([created.name]);
    const none = await alex.cloudsupport.cases.search({
      parent: premiumOrg,
      query: '"quarantined invoices" AND state=CLOSED',
    });
    expect(none.data.cases ?? []).toEqual([]);
  });

  it('narrows by updateTime> and creator.email, as the app sends them', async () => {
    const created = await newCase(premiumOrg, 'Contract search: recent changes');
    const justBefore = new Date(Date.parse(created.updateTime!) - 1).toISOString();
    const { data } = await alex.cloudsupport.cases.search({
      parent: premiumOrg,
      query: `updateTime>"${justBefore}" AND creator.email="${USERS.alex}"`,
      pageSize: 100,
    });
    expect(data.cases?.map((found) => found.name)).toContain(created.name);
    for (const found of data.cases!) {
      expect(Date.parse(found.updateTime!)).toBeGreaterThan(Date.parse(justBefore));
      expect(found.creator?.email).toBe(USERS.alex);
    }
    const later = await alex.cloudsupport.cases.search({
      parent: premiumOrg,
      query: `updateTime>"${created.updateTime!}"`,
    });
    expect(later.data.cases?.map((found) => found.name) ?? []).not.toContain(created.name);
  });

  it('pages with pageToken: every case once, and the same set as one big page', async () => {
    const all = await alex.cloudsupport.cases.search({ parent: premiumOrg, query: '', pageSize: 100 });
    const everyName = all.data.cases!.map((found) => found.name);
    expect(everyName.length).toBeGreaterThan(3);
    const paged: string[] = [];
    let pageToken: string | undefined;
    do {
      const { data } = await alex.cloudsupport.cases.search({
        parent: premiumOrg,
        query: '',
        pageSize: 3,
        ...(pageToken ? { pageToken } : {}),
      });
      expect(data.cases!.length).toBeLessThanOrEqual(3);
      for (const found of data.cases!) expectWellFormedCase(found);
      paged.push(...data.cases!.map((found) => found.name!));
      pageToken = data.nextPageToken ?? undefined;
    } while (pageToken);
    expect(new Set(paged).size).toBe(paged.length);
    expect([...paged].sort()).toEqual([...everyName].sort());
  });
});

describe('cases.get, create, patch, close', () => {
  it('creates a case and reads it back', async () => {
    const created = await newCase(standardOrg, 'Contract create: shared drive quota');
    expectWellFormedCase(created, standardOrg);
    expect(created.state).toBe('NEW');
    expect(created.priority).toBe('P3');
    expect(created.creator?.email).toBe(USERS.alex);
    const { status, data } = await alex.cloudsupport.cases.get({ name: created.name! });
    expect(status).toBe(200);
    expect(data).toEqual(created);
  });

  it('patches only the fields of updateMask', async () => {
    const created = await newCase(standardOrg, 'Contract patch: before');
    const { data } = await alex.cloudsupport.cases.patch({
      name: created.name!,
      updateMask: 'priority,display_name',
      requestBody: { priority: 'P1', displayName: 'Contract patch: after' },
    });
    expect(data.priority).toBe('P1');
    expect(data.displayName).toBe('Contract patch: after');
    // Not in the mask: the subscriber list survives a body that omits it.
    expect(data.subscriberEmailAddresses).toEqual(['helpdesk@northwind-reseller.example']);
    const reread = await alex.cloudsupport.cases.get({ name: created.name! });
    expect(reread.data.priority).toBe('P1');
  });

  it('closes a case', async () => {
    const created = await newCase(standardOrg, 'Contract close');
    const { status, data } = await alex.cloudsupport.cases.close({ name: created.name!, requestBody: {} });
    expect(status).toBe(200);
    expect(data.name).toBe(created.name);
    expect(data.state).toBe('CLOSED');
  });
});

describe('cases.escalate', () => {
  it('escalates a case of a Premium support customer', async () => {
    const created = await newCase(premiumOrg, 'Contract escalate: premium');
    const { status, data } = await alex.cloudsupport.cases.escalate({
      name: created.name!,
      requestBody: {
        escalation: { reason: 'BUSINESS_IMPACT', justification: 'Payroll is blocked for 300 employees.' },
      },
    });
    expect(status).toBe(200);
    expect(data.escalated).toBe(true);
  });

  it('refuses a customer without Premium support with 400 FAILED_PRECONDITION', async () => {
    const created = await newCase(standardOrg, 'Contract escalate: standard');
    const error = await alex.cloudsupport.cases
      .escalate({
        name: created.name!,
        requestBody: { escalation: { reason: 'RESOLUTION_TIME', justification: 'Too slow.' } },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Common.GaxiosError);
    const gaxiosError = error as Common.GaxiosError;
    expect(gaxiosError.status).toBe(400);
    expect(gaxiosError.response?.data).toMatchObject({
      error: {
        code: 400,
        status: 'FAILED_PRECONDITION',
        details: [expect.objectContaining({ reason: 'ESCALATION_REQUIRES_PREMIUM_SUPPORT' })],
      },
    });
  });
});
