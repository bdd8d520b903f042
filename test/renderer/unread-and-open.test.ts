import { describe, expect, it } from 'vitest';
import type { Account } from '../../shared/model/account';
import type { CaseQuery, CaseQueryResult } from '../../shared/model/case-query';
import { createPartnerDeskClient } from '../../renderer/ipc/partner-desk-client';
import { createAppStores } from '../../renderer/store/app-stores';
import { isSettled, shownWindow } from '../../renderer/store/case-list-store';
import { hasUnreadRows } from '../../renderer/store/read-marks-store';
import { wireEvents } from '../../renderer/store/wire-events';
import { makeDetail } from './case-detail-fixtures';
import { makeCase } from './case-fixtures';
import { createFakeBridge, deferred, settle, type FakeHandlers } from './fake-bridge';

const A = 'northwind-reseller.example';
const B = 'revendeur-lumiere.example';
const CASES_PER_DOMAIN = 5;

/**
 * A core holding each domain's unread cases (by customer): cases:query marks the rows
 * from it, cases:markAllRead clears the view's (its customer or every one).
 */
function unreadCore(extra: FakeHandlers = {}) {
  const unread: Record<string, Set<string>> = {};
  for (const domain of [A, B]) {
    unread[domain] = new Set(
      Array.from({ length: CASES_PER_DOMAIN }, (_, i) => `${domain}/${i % 2 === 0 ? 'C01' : 'C02'}/${i}`),
    );
  }
  const rowsOf = (domain: string, customerId: string | undefined) =>
    Array.from({ length: CASES_PER_DOMAIN }, (_, i) => {
      const customer = i % 2 === 0 ? 'C01' : 'C02';
      return { i, customer, key: `${domain}/${customer}/${i}` };
    }).filter((row) => customerId === undefined || row.customer === customerId);
  const bridge = createFakeBridge({
    'filters:get': () => ({ keyword: '', states: [], priorities: [] }),
    'filters:set': () => ({}),
    'cases:query': (request: CaseQuery): CaseQueryResult => {
      const rows = rowsOf(request.domain, request.customerId).map(({ i, customer, key }) => ({
        ...makeCase(i, { domain: request.domain, customerId: customer }),
        unread: unread[request.domain]!.has(key),
      }));
      const unreadTotal = rows.filter((row) => row.unread).length;
      return { total: rows.length, offset: 0, rows, unreadTotal, syncedAt: '2026-11-23T10:00:00Z' };
    },
    'cases:markAllRead': (request: { domain: string; customerId?: string }) => {
      const keys = rowsOf(request.domain, request.customerId).map((row) => row.key);
      const marked = keys.filter((key) => unread[request.domain]!.delete(key)).length;
      return { marked };
    },
    ...extra,
  });
  const stores = createAppStores(createPartnerDeskClient(bridge));
  wireEvents(stores);
  const settled = async (domain: string) => {
    for (let i = 0; i < 20 && !isSettled(stores.caseLists.getState().lists[domain]!); i++) await settle();
    return shownWindow(stores.caseLists.getState().lists[domain]);
  };
  return { bridge, stores, unread, settled };
}

describe('unread rows and Mark all read', () => {
  it('marks read the view on screen (its customer, its filters) and shows its rows read, in that domain only', async () => {
    const { bridge, stores, unread, settled } = unreadCore();
    const lists = stores.caseLists.getState();
    await lists.open(A);
    await lists.open(B);
    lists.setScope(A, 'C02');
    lists.setKeyword(A, 'mail');
    const before = await settled(A);
    expect(before?.total).toBe(2);
    expect(hasUnreadRows(before)).toBe(true);
    expect(hasUnreadRows(await settled(B))).toBe(true);

    await stores.readMarks.getState().markAllRead(A);
    expect(bridge.calls.find((c) => c.channel === 'cases:markAllRead')?.request).toEqual({
      domain: A,
      customerId: 'C02',
      filters: { keyword: 'mail', states: [], priorities: [] },
    });
    expect(hasUnreadRows(await settled(A))).toBe(false);
    expect(stores.readMarks.getState().marking[A]).toBe(false);
    // The other customer of A, and every case of B, are still unread.
    expect(unread[A]!.size).toBe(3);
    expect(unread[B]!.size).toBe(CASES_PER_DOMAIN);
    expect(hasUnreadRows(await settled(B))).toBe(true);
  });

  it('"My cases" marks every customer’s cases; nothing unread, nothing offered', async () => {
    const { stores, settled } = unreadCore();
    await stores.caseLists.getState().open(A);
    expect(hasUnreadRows(await settled(A))).toBe(true);
    await stores.readMarks.getState().markAllRead(A);
    expect(hasUnreadRows(await settled(A))).toBe(false);
    expect(hasUnreadRows(null)).toBe(false);
  });

  it('keeps the rows unread and says so when the core refuses', async () => {
    const { stores, settled } = unreadCore({
      'cases:markAllRead': () => {
        throw { code: 'internal', message: 'Not built yet.' };
      },
    });
    await stores.caseLists.getState().open(A);
    await settled(A);
    await stores.readMarks.getState().markAllRead(A);
    expect(stores.readMarks.getState().errors[A]?.code).toBe('internal');
    expect(stores.readMarks.getState().errors[B] ?? null).toBeNull();
    expect(hasUnreadRows(await settled(A))).toBe(true);
  });
});

const account = (domain: string): Account => ({
  domain,
  email: `alex@${domain}`,
  displayName: 'Alex',
  status: 'signed_in',
  attentionCount: 0,
});

describe('notification:open', () => {
  it('selects the tab and opens the case even when it arrives before the accounts, and asks for the focus on it', async () => {
    const accounts = deferred<Account[]>();
    const bridge = createFakeBridge({ 'accounts:list': () => accounts.promise });
    const stores = createAppStores(createPartnerDeskClient(bridge));
    wireEvents(stores);
    const loading = stores.accounts.getState().load();
    const name = 'organizations/1/cases/1009';
    bridge.emit('notification:open', { domain: B, name });
    accounts.resolve([account(A), account(B)]);
    await loading;
    expect(stores.accounts.getState().activeDomain).toBe(B);
    expect(stores.ui.getState().openCase[B]).toBe(name);
    expect(stores.ui.getState().openCase[A]).toBeUndefined();
    expect(stores.ui.getState().caseFocusRequest).toEqual({ domain: B, name });
    stores.ui.getState().caseFocusDone();
    // A later sign-in or reorder does not move the user back to that tab.
    stores.accounts.getState().activate(A);
    stores.accounts.getState().applyAccounts([account(A), account(B)]);
    expect(stores.accounts.getState().activeDomain).toBe(A);
  });

  it('reads the case again when it is already open (it is what changed); a grouped one selects the tab only', async () => {
    const bridge = createFakeBridge({
      'accounts:list': () => [account(A), account(B)],
      'case:get': () => ({ detail: makeDetail(), source: 'network' }),
    });
    const stores = createAppStores(createPartnerDeskClient(bridge));
    wireEvents(stores);
    await stores.accounts.getState().load();
    const name = makeDetail().name;
    stores.ui.getState().openCaseIn(A, name);
    bridge.emit('notification:open', { domain: A, name });
    await settle();
    expect(bridge.calls.filter((c) => c.channel === 'case:get').map((c) => c.request)).toEqual([{ domain: A, name }]);

    bridge.emit('notification:open', { domain: B });
    expect(stores.accounts.getState().activeDomain).toBe(B);
    expect(stores.ui.getState().openCase[B]).toBeUndefined();
    expect(stores.ui.getState().openCase[A]).toBe(name);
  });

  it('ignores a domain that is not signed in once the accounts are known', async () => {
    const bridge = createFakeBridge({ 'accounts:list': () => [account(A)] });
    const stores = createAppStores(createPartnerDeskClient(bridge));
    wireEvents(stores);
    await stores.accounts.getState().load();
    bridge.emit('notification:open', { domain: B, name: 'organizations/1/cases/1' });
    expect(stores.accounts.getState().activeDomain).toBe(A);
    expect(stores.accounts.getState().awaitedDomain).toBeNull();
  });
});
