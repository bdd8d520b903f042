import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiClients, type ApiClients } from '../../main/core/api/api-client';
import {
  KEYWORD_DEBOUNCE_MS,
  REMOTE_SEARCH_CONCURRENCY,
  RemoteKeywordSearch,
} from '../../main/core/cases/remote-keyword-search';
import { DEMO_USERS, LUMIERE_DOMAIN, NORTHWIND_DOMAIN, startEmulator, type RunningEmulator } from '../../main/emulator';
import type { CaseSummary } from '../../shared/model/case';
import { DEFAULT_CASE_SORT, EMPTY_CASE_FILTERS, type CaseQuery } from '../../shared/model/case-query';
import type { Customer } from '../../shared/model/customer';
import { removeDataDir, startCoreHarness, type CoreHarness } from './helpers/core-harness';
import { ManualClock } from '../helpers/manual-clock';
import { recordingDomainContext } from './helpers/recording-domain-context';

const byKeyword = (keyword: string, overrides: Partial<CaseQuery> = {}): CaseQuery => ({
  domain: NORTHWIND_DOMAIN,
  filters: { ...EMPTY_CASE_FILTERS, keyword },
  sort: DEFAULT_CASE_SORT,
  offset: 0,
  limit: 1000,
  ...overrides,
});

const names = (rows: CaseSummary[]) => rows.map((row) => row.name);

describe('keyword filter matched on the server (comments the cache lacks)', () => {
  let emulator: RunningEmulator;
  let harness: CoreHarness;
  let clock: ManualClock;
  let api: ApiClients;
  let granted: Customer[];
  let all: CaseSummary[];
  let wordCount = 0;

  /** A word found in no case yet, posted as a comment on `caseName` by the signed-in user. */
  const commentOnly = async (caseName: string): Promise<string> => {
    wordCount += 1;
    const word = `zorbleflax${'q'.repeat(wordCount)}`;
    await api.cloudSupport.createComment(caseName, `Le client signale aussi ${word} sur le poste du directeur.`);
    return word;
  };

  /** Resolves with the next cases:changed of `domain` not yet recorded. */
  const nextCasesChanged = (domain: string) => {
    let skip = harness.events.filter(
      (event) => event.channel === 'cases:changed' && (event.payload as { domain: string }).domain === domain,
    ).length;
    return harness.waitForEvent('cases:changed', (payload) => payload.domain === domain && skip-- <= 0);
  };

  /** The list's requests to cases.search carrying `keyword` as a bare quoted query. */
  const keywordSearches = (keyword: string) =>
    harness.requests.filter(
      (request) =>
        request.url.pathname.endsWith('/cases:search') && request.url.searchParams.get('query') === `"${keyword}"`,
    );

  const query = (q: CaseQuery) => harness.core.handlers['cases:query'](q);

  beforeAll(async () => {
    emulator = await startEmulator({ dataset: 'demo', control: true, agent: false, indexingDelayMs: 0 });
    clock = new ManualClock(Date.now());
    harness = await startCoreHarness({ emulator, clock });
    await harness.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    await harness.core.handlers['account:signIn']({ domain: LUMIERE_DOMAIN, loginHint: DEMO_USERS.claire });
    await harness.core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN });
    await harness.core.handlers['sync:now']({ domain: LUMIERE_DOMAIN });
    all = (await query(byKeyword(''))).rows;
    const customers = await harness.core.handlers['customers:list']({ domain: NORTHWIND_DOMAIN });
    granted = customers.filter((customer) => customer.access === 'granted' && customer.organization !== null);
    const token = emulator.control.issueTokens(DEMO_USERS.alex).access_token;
    api = createApiClients({
      fetch,
      endpoints: emulator.endpoints,
      tokenProvider: { getAccessToken: async () => token, invalidate: () => undefined },
    });
  });
  afterAll(async () => {
    await harness.dispose();
    await removeDataDir(harness.dataDir);
    await emulator.close();
  });
  beforeEach(() => {
    emulator.control.faults.clear();
    emulator.control.clearRequestLog();
  });

  it('has several customers with access and cases to search', () => {
    expect(granted.length).toBeGreaterThan(REMOTE_SEARCH_CONCURRENCY);
    expect(all.length).toBeGreaterThan(20);
  });

  it('lists a case whose keyword is only in an unopened comment, once the keyword rested', async () => {
    const target = all[5]!;
    const word = await commentOnly(target.name);
    expect((await query(byKeyword(word))).total).toBe(0);
    expect(keywordSearches(word)).toHaveLength(0);

    const changed = nextCasesChanged(NORTHWIND_DOMAIN);
    clock.advance(KEYWORD_DEBOUNCE_MS);
    await changed;

    const found = await query(byKeyword(word.toUpperCase()));
    expect(names(found.rows)).toEqual([target.name]);
    // "My cases": one search per customer with access, of this domain only.
    expect(keywordSearches(word)).toHaveLength(granted.length);
    const searched = emulator.control.requestLog().filter((entry) => entry.route === 'cases.search');
    expect(searched).toHaveLength(granted.length);
    for (const entry of searched) {
      expect(entry.tokenDomain).toBe(NORTHWIND_DOMAIN);
      expect(entry.targetDomain).toBe(NORTHWIND_DOMAIN);
    }
    expect(
      harness.requests.every((request) => request.domain === NORTHWIND_DOMAIN || !request.url.search.includes(word)),
    ).toBe(true);

    // Known now: the same keyword again (scrolling, another window) costs nothing more.
    await query(byKeyword(word, { offset: 0, limit: 10 }));
    clock.advance(KEYWORD_DEBOUNCE_MS);
    expect(keywordSearches(word)).toHaveLength(granted.length);
  });

  it('searches only the queried customer in a customer view, and keeps the other filters', async () => {
    const target = all.find(
      (row) => row.customerId !== all[5]!.customerId && granted.some((c) => c.customerId === row.customerId),
    )!;
    const organization = granted.find((customer) => customer.customerId === target.customerId)!.organization;
    const word = await commentOnly(target.name);
    const changed = nextCasesChanged(NORTHWIND_DOMAIN);
    await query(byKeyword(word, { customerId: target.customerId }));
    clock.advance(KEYWORD_DEBOUNCE_MS);
    await changed;

    expect(keywordSearches(word).map((request) => request.url.pathname)).toEqual([`/v2/${organization}/cases:search`]);
    expect(names((await query(byKeyword(word, { customerId: target.customerId }))).rows)).toEqual([target.name]);
    const otherState = all.find((row) => row.state !== target.state)!.state;
    const filtered = await query({
      ...byKeyword(word, { customerId: target.customerId }),
      filters: { keyword: word, states: [otherState], priorities: [] },
    });
    expect(filtered.total).toBe(0);
  });

  it('does not search a keyword that changed before it rested, and cancels the one in flight', async () => {
    const first = await commentOnly(all[7]!.name);
    const second = await commentOnly(all[8]!.name);
    const third = await commentOnly(all[9]!.name);

    await query(byKeyword(first));
    clock.advance(KEYWORD_DEBOUNCE_MS / 2);
    await query(byKeyword(second));
    // Slow answers: the second keyword's searches are still in flight when the third comes.
    emulator.control.faults.add({ route: 'cases.search', kind: 'latency', latencyMs: 400, times: Infinity });
    clock.advance(KEYWORD_DEBOUNCE_MS);
    await vi.waitFor(() => expect(keywordSearches(second).length).toBeGreaterThan(0));
    const changed = nextCasesChanged(NORTHWIND_DOMAIN);
    await query(byKeyword(third));
    clock.advance(KEYWORD_DEBOUNCE_MS);
    await changed;

    expect(keywordSearches(first)).toHaveLength(0);
    expect(keywordSearches(second).length).toBeLessThanOrEqual(REMOTE_SEARCH_CONCURRENCY);
    expect(keywordSearches(third)).toHaveLength(granted.length);
    expect(names((await query(byKeyword(third))).rows)).toEqual([all[9]!.name]);
    // The cancelled keyword left nothing behind: its case is found only by a search of its own.
    expect((await query(byKeyword(second))).total).toBe(0);
    expect(harness.warnings).toEqual([]);
  });

  it('serves known matches while it searches again after a sync brought changes', async () => {
    const [first, second] = [all[13]!, all[14]!];
    const word = await commentOnly(first.name);
    let changed = nextCasesChanged(NORTHWIND_DOMAIN);
    await query(byKeyword(word));
    clock.advance(KEYWORD_DEBOUNCE_MS);
    await changed;
    expect(names((await query(byKeyword(word))).rows)).toEqual([first.name]);

    await api.cloudSupport.createComment(second.name, `Même souci : ${word} depuis ce matin.`);
    changed = nextCasesChanged(NORTHWIND_DOMAIN);
    expect((await harness.core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN })).state).toBe('idle');
    await changed;
    // The sync read the changed case's thread (change detection): its comment matches locally at
    // once; the known server match stays, and the search again follows the debounce.
    expect(names((await query(byKeyword(word))).rows).sort()).toEqual([first.name, second.name].sort());
    changed = nextCasesChanged(NORTHWIND_DOMAIN);
    clock.advance(KEYWORD_DEBOUNCE_MS);
    await changed;
    expect(keywordSearches(word)).toHaveLength(2 * granted.length);
    expect(names((await query(byKeyword(word))).rows).sort()).toEqual([first.name, second.name].sort());
  });

  it('spends at most its per-keyword cap, searching organizations in turn', async () => {
    const organizations = granted.map((customer) => customer.organization!);
    const target = all.find((row) => row.name.startsWith(`${organizations[0]}/cases/`))!;
    const word = await commentOnly(target.name);
    const token = emulator.control.issueTokens(DEMO_USERS.alex).access_token;
    const sent: string[] = [];
    const own = createApiClients({
      fetch: (input, init) => {
        sent.push(new URL(input instanceof Request ? input.url : input).pathname);
        return fetch(input, init);
      },
      endpoints: emulator.endpoints,
      tokenProvider: { getAccessToken: async () => token, invalidate: () => undefined },
    });
    const recording = recordingDomainContext(NORTHWIND_DOMAIN, clock);
    const search = new RemoteKeywordSearch(recording.context, {
      cloudSupport: () => own.cloudSupport,
      organizations: () => organizations,
      concurrency: 1,
      maxRequestsPerKeyword: 2,
    });
    expect(search.matchesFor(undefined, word)).toBeUndefined();
    clock.advance(KEYWORD_DEBOUNCE_MS);
    await vi.waitFor(() => expect(search.matchesFor(undefined, word)).toBeDefined());

    expect(sent).toEqual(organizations.slice(0, 2).map((organization) => `/v2/${organization}/cases:search`));
    expect([...search.matchesFor(undefined, word)!]).toEqual([target.name]);
    expect(recording.events).toEqual([{ channel: 'cases:changed', payload: { domain: NORTHWIND_DOMAIN } }]);
    expect(recording.warnings).toEqual([]);
    search.dispose();
  });

  // Offline first: the 429 pauses the domain's keyword searches for its Retry-After.
  it.each([
    ['a dropped connection (offline)', 'drop-before-commit', 11],
    ['a 429', '429', 12],
  ] as const)('keeps the local matches when the server search fails with %s', async (_label, kind, index) => {
    const word = all[index]!.title.normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .find((candidate) => candidate.length > 4)!;
    const local = await query(byKeyword(word));
    expect(names(local.rows)).toContain(all[index]!.name);
    const warningsBefore = harness.warnings.length;
    emulator.control.faults.add({ route: 'cases.search', kind, times: Infinity });

    clock.advance(KEYWORD_DEBOUNCE_MS);
    await vi.waitFor(() => expect(harness.warnings.length).toBe(warningsBefore + 1));
    expect(harness.warnings.at(-1)).toMatch(/Keyword search/);

    // The same rows (a timed sync pass may have stamped a newer syncedAt meanwhile).
    const after = await query(byKeyword(word));
    expect({ total: after.total, rows: after.rows }).toEqual({ total: local.total, rows: local.rows });
    // A request without an answer is a real sign the domain is offline; an answer (even a 429) is not.
    const { state } = await harness.core.handlers['sync:status']({ domain: NORTHWIND_DOMAIN });
    if (kind === '429') expect(state).not.toBe('offline');
    else expect(state).toBe('offline');
    // Not retried while the keyword stays the same.
    clock.advance(KEYWORD_DEBOUNCE_MS);
    expect(keywordSearches(word).length).toBeLessThanOrEqual(REMOTE_SEARCH_CONCURRENCY);
  });
});
