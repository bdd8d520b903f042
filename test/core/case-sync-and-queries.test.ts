import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClients } from '../../main/core/api/api-client';
import {
  CASE_CLASSIFICATIONS,
  DEMO_USERS,
  NORTHWIND_DOMAIN,
  startEmulator,
  type RunningEmulator,
} from '../../main/emulator';
import type { CaseSummary } from '../../shared/model/case';
import { CASE_SORT_KEYS, EMPTY_CASE_FILTERS, type CaseQuery } from '../../shared/model/case-query';
import { removeDataDir, startCoreHarness, type CoreHarness } from './helpers/core-harness';

const query = (overrides: Partial<CaseQuery> = {}): CaseQuery => ({
  domain: NORTHWIND_DOMAIN,
  filters: EMPTY_CASE_FILTERS,
  sort: { key: 'updateTime', direction: 'desc' },
  offset: 0,
  limit: 1000,
  ...overrides,
});

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

describe('case sync and list queries on the demo data', () => {
  let emulator: RunningEmulator;
  let harness: CoreHarness;
  let all: CaseSummary[];

  beforeAll(async () => {
    emulator = await startEmulator({ dataset: 'demo', control: true, agent: false, indexingDelayMs: 0 });
    harness = await startCoreHarness({ emulator });
    await harness.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    await harness.core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN });
    all = (await harness.core.handlers['cases:query'](query())).rows;
  });
  afterAll(async () => {
    await harness.dispose();
    await removeDataDir(harness.dataDir);
    await emulator.close();
  });

  it('holds every case the API lists for the customers with access', async () => {
    const customers = await harness.core.handlers['customers:list']({ domain: NORTHWIND_DOMAIN });
    const token = emulator.control.issueTokens(DEMO_USERS.alex).access_token;
    const api = createApiClients({
      fetch,
      endpoints: emulator.endpoints,
      tokenProvider: { getAccessToken: async () => token, invalidate: () => undefined },
    });
    const expected: string[] = [];
    for (const customer of customers.filter((entry) => entry.access === 'granted')) {
      for await (const wire of api.cloudSupport.searchCases(customer.organization!, { pageSize: 100 })) {
        expected.push(wire.name!);
      }
    }
    expect(all.map((row) => row.name).sort()).toEqual(expected.sort());
    expect(all.length).toBeGreaterThan(50);
  });

  it('learns Premium support and reseller access per customer as the emulator holds them', async () => {
    const customers = await harness.core.handlers['customers:list']({ domain: NORTHWIND_DOMAIN });
    const truth = emulator.control.data.customers(NORTHWIND_DOMAIN);
    expect(customers.map((customer) => customer.customerId).sort()).toEqual(truth.map((c) => c.customerId).sort());
    for (const customer of customers) {
      const expected = truth.find((entry) => entry.customerId === customer.customerId)!;
      expect(customer.premiumSupport).toBe(expected.premiumSupport);
      expect(customer.access).toBe(expected.resellerAccess ? 'granted' : 'not_granted');
    }
  });

  it('filters by state, priority and customer, matching the rows one by one', async () => {
    const customerId = all[0]!.customerId;
    const filtered = await harness.core.handlers['cases:query'](
      query({
        customerId,
        filters: { keyword: '', states: ['NEW', 'ACTION_REQUIRED', 'CLOSED'], priorities: ['P1', 'P2', 'P3'] },
      }),
    );
    const expected = all.filter(
      (row) =>
        row.customerId === customerId &&
        ['NEW', 'ACTION_REQUIRED', 'CLOSED'].includes(row.state) &&
        ['P1', 'P2', 'P3'].includes(row.priority),
    );
    expect(filtered.rows).toEqual(expected);
    expect(filtered.total).toBe(expected.length);
  });

  it('sorts by every column both ways and windows the result', async () => {
    for (const key of CASE_SORT_KEYS) {
      const asc = (await harness.core.handlers['cases:query'](query({ sort: { key, direction: 'asc' } }))).rows;
      const desc = (await harness.core.handlers['cases:query'](query({ sort: { key, direction: 'desc' } }))).rows;
      expect(asc).toHaveLength(all.length);
      const value = (row: CaseSummary) =>
        key === 'updateTime' || key === 'createTime' ? Date.parse(row[key]) : row[key];
      if (key === 'updateTime' || key === 'createTime') {
        for (let i = 1; i < asc.length; i += 1) expect(value(asc[i - 1]!) <= value(asc[i]!)).toBe(true);
        for (let i = 1; i < desc.length; i += 1) expect(value(desc[i - 1]!) >= value(desc[i]!)).toBe(true);
      }
      const window = await harness.core.handlers['cases:query'](
        query({ sort: { key, direction: 'asc' }, offset: 17, limit: 9 }),
      );
      expect(window).toMatchObject({ total: all.length, offset: 17 });
      expect(window.rows).toEqual(asc.slice(17, 26));
    }
  });

  it('finds a keyword in titles, and in comments once a case was opened', async () => {
    const word = fold(all[3]!.title)
      .split(/\s+/)
      .find((candidate) => candidate.length > 4)!;
    const byTitle = await harness.core.handlers['cases:query'](
      query({ filters: { ...EMPTY_CASE_FILTERS, keyword: word.toUpperCase() } }),
    );
    expect(byTitle.rows.map((row) => row.name)).toContain(all[3]!.name);
    for (const row of byTitle.rows) {
      const detail = (await harness.core.handlers['case:get']({ domain: NORTHWIND_DOMAIN, name: row.name })).detail!;
      const text = fold(
        [detail.title, detail.description, ...detail.comments.map((comment) => comment.body)].join(' '),
      );
      expect(text.includes(word) || row.name.endsWith(word)).toBe(true);
    }

    // A case whose history holds a word found nowhere else in it.
    let opened = (await harness.core.handlers['case:get']({ domain: NORTHWIND_DOMAIN, name: all[0]!.name })).detail!;
    let commentWords: string[] = [];
    for (const row of all.slice(0, 40)) {
      opened = (await harness.core.handlers['case:get']({ domain: NORTHWIND_DOMAIN, name: row.name })).detail!;
      const ownText = fold(`${opened.title} ${opened.description}`);
      commentWords = fold(opened.comments.map((comment) => comment.body).join(' '))
        .split(/[^a-z0-9]+/)
        .filter((candidate) => candidate.length > 6 && !ownText.includes(candidate));
      if (commentWords.length > 0) break;
    }
    expect(commentWords.length).toBeGreaterThan(0);
    const byComment = await harness.core.handlers['cases:query'](
      query({ filters: { ...EMPTY_CASE_FILTERS, keyword: commentWords[0]! } }),
    );
    expect(byComment.rows.map((row) => row.name)).toContain(opened.name);
  });

  it('picks up a new case with an incremental search and announces it', async () => {
    const customers = await harness.core.handlers['customers:list']({ domain: NORTHWIND_DOMAIN });
    const customer = customers.find((entry) => entry.access === 'granted')!;
    const token = emulator.control.issueTokens(DEMO_USERS.alex).access_token;
    const api = createApiClients({
      fetch,
      endpoints: emulator.endpoints,
      tokenProvider: { getAccessToken: async () => token, invalidate: () => undefined },
    });
    const created = await api.cloudSupport.createCase(customer.organization!, {
      displayName: 'Calendrier partagé introuvable après migration',
      description: 'Les invitations envoyées depuis Outlook n’apparaissent plus.',
      classificationId: CASE_CLASSIFICATIONS[0]!.id,
      priority: 'P2',
    });
    const eventsBefore = harness.events.length;
    const requestsBefore = harness.requests.length;

    expect((await harness.core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN })).state).toBe('idle');

    // Keyword searches of the list (a bare quoted keyword) are not the sync's.
    const searches = harness.requests
      .slice(requestsBefore)
      .filter(
        (request) =>
          request.url.pathname.endsWith('/cases:search') && !request.url.searchParams.get('query')?.startsWith('"'),
      );
    expect(searches.length).toBeGreaterThan(0);
    // A customer with cases has a cursor: only what changed since is asked for.
    const withCases = new Set(all.map((row) => row.name.split('/cases/')[0]));
    const incremental = searches.filter((search) =>
      withCases.has(search.url.pathname.split('/v2/')[1]!.split('/cases')[0]),
    );
    expect(incremental.length).toBe(withCases.size);
    for (const search of incremental) expect(search.url.searchParams.get('query')).toMatch(/^updateTime>"/);
    expect(harness.requests.slice(requestsBefore).every((request) => request.domain === NORTHWIND_DOMAIN)).toBe(true);
    expect(harness.events.slice(eventsBefore)).toContainEqual({
      channel: 'cases:changed',
      payload: { domain: NORTHWIND_DOMAIN },
    });

    const found = await harness.core.handlers['cases:query'](
      query({ filters: { ...EMPTY_CASE_FILTERS, keyword: 'calendrier partage' } }),
    );
    expect(found.rows.map((row) => row.name)).toEqual([created.name]);
    expect(found.rows[0]).toMatchObject({
      customerId: customer.customerId,
      state: 'NEW',
      priority: 'P2',
      pending: false,
    });
    const total = (await harness.core.handlers['cases:query'](query())).total;
    expect(total).toBe(all.length + 1);
  });

  it('searches customers by name, domain or ID', async () => {
    const customers = await harness.core.handlers['customers:list']({ domain: NORTHWIND_DOMAIN });
    const target = customers[2]!;
    for (const search of [
      target.customerId.toLowerCase(),
      target.domain.toUpperCase(),
      target.organizationName.slice(0, 5),
    ]) {
      const found = await harness.core.handlers['customers:list']({ domain: NORTHWIND_DOMAIN, search });
      expect(
        found.map((customer) => customer.customerId),
        search,
      ).toContain(target.customerId);
      expect(found.length).toBeLessThan(customers.length);
    }
    expect(await harness.core.handlers['customers:list']({ domain: NORTHWIND_DOMAIN, search: 'zzzz-nobody' })).toEqual(
      [],
    );
  });
});
