import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, Comment } from '../../main/google-wire/google-types';
import {
  BOREAL_DOMAIN,
  BOREAL_USER,
  CASE_CLASSIFICATIONS,
  DEFAULT_START_TIME,
  DEMO_DOMAINS,
  DEMO_USERS,
  LUMIERE_DOMAIN,
  NORTHWIND_DOMAIN,
  type RunningEmulator,
} from '../../main/emulator';
import { buildDemoDataset } from '../../main/emulator/seed/demo-data';
import { buildScaleDataset } from '../../main/emulator/seed/scale-data';
import { EmulatorStore } from '../../main/emulator/store/emulator-store';
import { ApiCaller, startTestEmulator } from './helpers/emulator-kit';

const NOW = Date.parse(DEFAULT_START_TIME);
const DAY = 24 * 60 * 60 * 1000;

describe('demo data set', () => {
  const dataset = buildDemoDataset(NOW);
  const store = new EmulatorStore(dataset);

  it('is the same on every build', () => {
    const again = buildDemoDataset(NOW);
    expect(JSON.stringify(again.cases)).toBe(JSON.stringify(dataset.cases));
    expect(again.customers).toEqual(dataset.customers);
  });

  it.each(DEMO_DOMAINS.map((d) => [d.domain]))('gives %s ten customers covering every rule', (domain) => {
    const customers = store.customersOf(domain);
    expect(customers).toHaveLength(10);
    expect(customers.filter((c) => !c.resellerAccess).length).toBeGreaterThanOrEqual(1);
    expect(customers.filter((c) => c.premiumSupport && c.resellerAccess).length).toBeGreaterThanOrEqual(2);
    const moved = customers.filter((c) => c.previousResellerDomain);
    expect(moved.length).toBeGreaterThanOrEqual(1);
    for (const customer of moved) {
      expect(customer.previousResellerDomain).not.toBe(domain);
      const cases = store.casesOfOrg(customer.orgNumber);
      expect(
        cases.some(
          (c) => c.resellerDomain === customer.previousResellerDomain && c.createTime < customer.resellerSince,
        ),
      ).toBe(true);
      expect(cases.some((c) => c.resellerDomain === domain)).toBe(true);
    }
  });

  it('has a few hundred cases in every state, with comments from Google and attachments', () => {
    expect(dataset.cases.length).toBeGreaterThanOrEqual(200);
    for (const domain of [NORTHWIND_DOMAIN, LUMIERE_DOMAIN]) {
      const own = dataset.cases.filter((c) => c.resellerDomain === domain);
      expect(new Set(own.map((c) => c.state))).toEqual(
        new Set(['NEW', 'IN_PROGRESS_GOOGLE_SUPPORT', 'ACTION_REQUIRED', 'SOLUTION_PROVIDED', 'CLOSED']),
      );
      expect(own.some((c) => c.comments?.some((comment) => comment.creator.googleSupport))).toBe(true);
      const closed = own.filter((c) => c.state === 'CLOSED');
      expect(closed.some((c) => NOW - c.closeTime! <= 30 * DAY)).toBe(true);
      expect(closed.some((c) => NOW - c.closeTime! > 30 * DAY)).toBe(true);
    }
    const attachments = dataset.cases.flatMap((c) => c.attachments);
    expect(attachments.length).toBeGreaterThan(20);
    const png = attachments.find((a) => a.mimeType === 'image/png');
    expect(png?.bytes.subarray(1, 4).toString()).toBe('PNG');
  });

  it('keeps each case consistent: waiting cases end with Google’s question, solved ones with its answer', () => {
    for (const c of dataset.cases) {
      const last = c.comments?.at(-1);
      if (c.state === 'NEW') expect(c.comments).toEqual([]);
      if (c.state === 'ACTION_REQUIRED' || c.state === 'SOLUTION_PROVIDED')
        expect(last?.creator.googleSupport).toBe(true);
      expect(c.updateTime).toBeGreaterThanOrEqual(c.createTime);
      expect(c.updateTime).toBeLessThanOrEqual(NOW);
      for (const comment of c.comments ?? []) expect(comment.createTime).toBeLessThanOrEqual(c.updateTime);
    }
  });

  it('writes the French domain’s cases in French and the English one’s in English', () => {
    const lumiere = dataset.cases.filter((c) => c.resellerDomain === LUMIERE_DOMAIN);
    expect(lumiere.every((c) => c.languageCode === 'fr')).toBe(true);
    expect(lumiere.some((c) => /\b(les|des|une|utilisateurs)\b/.test(c.description))).toBe(true);
    expect(
      dataset.cases.filter((c) => c.resellerDomain === NORTHWIND_DOMAIN).every((c) => c.languageCode === 'en'),
    ).toBe(true);
  });

  it('lists real Google Workspace categories with stable ids', () => {
    const names = CASE_CLASSIFICATIONS.map((c) => c.displayName);
    for (const product of [
      'Gmail',
      'Google Drive',
      'Google Meet',
      'Google Calendar',
      'Admin console',
      'Billing',
      'Security',
      'Google Chat',
      'Google Docs Editors',
      'Data migration',
      'Directory sync',
    ]) {
      expect(names.some((n) => n.startsWith(`Google Workspace > ${product} > `))).toBe(true);
    }
    expect(new Set(CASE_CLASSIFICATIONS.map((c) => c.id)).size).toBe(CASE_CLASSIFICATIONS.length);
  });
});

describe('scale data set', () => {
  it('generates 1,000 customers and 50,000 cases per domain, comments on demand', () => {
    const dataset = buildScaleDataset(NOW, { customersPerDomain: 1000, casesPerDomain: 50_000 });
    expect(dataset.customers).toHaveLength(2000);
    expect(dataset.cases).toHaveLength(100_000);
    expect(dataset.cases.every((c) => c.comments === undefined)).toBe(true);
    const store = new EmulatorStore(dataset);
    const answered = dataset.cases.find((c) => c.state === 'SOLUTION_PROVIDED')!;
    const comments = store.commentsOf(answered);
    expect(comments.at(-1)?.creator.googleSupport).toBe(true);
    expect(store.commentsOf(answered)).toBe(comments);
    expect(store.visibleCaseCount(NORTHWIND_DOMAIN)).toBe(50_000);
    expect(new Set(dataset.customers.map((c) => c.customerId)).size).toBe(2000);
  });

  it('adds a third reseller domain with its own admin only when asked, the first two unchanged', () => {
    const options = { customersPerDomain: 20, casesPerDomain: 300 };
    const two = buildScaleDataset(NOW, options);
    const three = buildScaleDataset(NOW, { ...options, resellerDomains: 3 });
    expect(two.domains.map((d) => d.domain)).not.toContain(BOREAL_DOMAIN);
    expect(two.accounts.map((a) => a.email)).not.toContain(BOREAL_USER);
    expect(three.domains.map((d) => d.domain)).toEqual([...two.domains.map((d) => d.domain), BOREAL_DOMAIN]);
    expect(JSON.stringify(three.cases.slice(0, two.cases.length))).toBe(JSON.stringify(two.cases));
    expect(three.customers.slice(0, two.customers.length)).toEqual(two.customers);
    const store = new EmulatorStore(three);
    expect(store.visibleCaseCount(BOREAL_DOMAIN)).toBe(300);
    expect(store.customersOf(BOREAL_DOMAIN)).toHaveLength(20);
    expect(new Set(three.customers.map((c) => c.customerId)).size).toBe(60);
    expect(new Set(three.cases.map((c) => c.id)).size).toBe(900);
    expect(store.account(BOREAL_USER)?.domain).toBe(BOREAL_DOMAIN);
    // The new domain's cases are filed by its own users only.
    const ownUsers = new Set(three.accounts.filter((a) => a.domain === BOREAL_DOMAIN).map((a) => a.email));
    const boreal = new Set(store.customersOf(BOREAL_DOMAIN).map((c) => c.orgNumber));
    const ofBoreal = three.cases.filter((c) => boreal.has(c.orgNumber));
    expect(ofBoreal).toHaveLength(300);
    expect(ofBoreal.every((c) => ownUsers.has(c.creator.email!))).toBe(true);
  });

  it('serves the third domain to its admin and to no other domain', async () => {
    const emulator = await startTestEmulator({
      dataset: { scale: { customersPerDomain: 5, casesPerDomain: 50, resellerDomains: 3 } },
      indexingDelayMs: 0,
    });
    try {
      const nora = new ApiCaller(emulator, BOREAL_USER);
      const alex = new ApiCaller(emulator, DEMO_USERS.alex);
      const customer = emulator.control.data.customers(BOREAL_DOMAIN).find((c) => c.resellerAccess)!;
      const own = await nora.get<{ cases?: Case[] }>(`/v2/${customer.organization}/cases:search?pageSize=100`);
      expect(own.status).toBe(200);
      expect(own.json.cases?.length).toBeGreaterThan(0);
      const other = await alex.get(`/v2/${customer.organization}/cases:search?pageSize=100`);
      // Another reseller's organization does not exist for Alex.
      expect(other.status).toBe(404);
      expect(emulator.control.data.caseCount(BOREAL_DOMAIN)).toBe(50);
    } finally {
      await emulator.close();
    }
  });

  describe('served', () => {
    let emulator: RunningEmulator;
    beforeAll(async () => {
      emulator = await startTestEmulator({
        dataset: { scale: { customersPerDomain: 50, casesPerDomain: 5000 } },
        indexingDelayMs: 0,
      });
    });
    afterAll(() => emulator.close());

    it('searches and pages a large organization, with lazily built comments', async () => {
      const alex = new ApiCaller(emulator, DEMO_USERS.alex);
      const customer = emulator.control.data.customers(NORTHWIND_DOMAIN).find((c) => c.resellerAccess)!;
      const seen = new Set<string>();
      let token = '';
      do {
        const { json } = await alex.get<{ cases?: Case[]; nextPageToken?: string }>(
          `/v2/${customer.organization}/cases:search?pageSize=100${token ? `&pageToken=${token}` : ''}`,
        );
        for (const c of json.cases ?? []) seen.add(c.name!);
        token = json.nextPageToken ?? '';
      } while (token);
      expect(seen.size).toBe(100);
      const keyword = await alex.get<{ cases?: Case[] }>(
        `/v2/${customer.organization}/cases:search?query=${encodeURIComponent('"engineering team"')}&pageSize=100`,
      );
      const solved = keyword.json.cases ?? [];
      expect(solved.length).toBeGreaterThan(0);
      const { json } = await alex.get<{ comments: Comment[] }>(`/v2/${solved[0]!.name}/comments`);
      expect(json.comments.some((c) => c.body.includes('engineering team'))).toBe(true);
    });
  });
});
