import { describe, expect, it } from 'vitest';
import type { CaseQuery } from '../../shared/model/case-query';
import { createPartnerDeskClient } from '../../renderer/ipc/partner-desk-client';
import { createAppStores } from '../../renderer/store/app-stores';
import { FILTERS_SAVE_DELAY_MS, shownWindow } from '../../renderer/store/case-list-store';
import { rowAt } from '../../renderer/store/query-window';
import { makeResult } from './case-fixtures';
import { withDeferredCaseQueries } from './deferred-case-queries';
import { createFakeBridge, settle } from './fake-bridge';

const DOMAIN = 'northwind-reseller.example';

describe('case list store', () => {
  it('opens with the remembered filters and shows the first page', async () => {
    const { lists, pending, answer, view, bridge } = withDeferredCaseQueries({
      remembered: { keyword: 'mail', states: ['NEW'], priorities: [] },
    });
    await lists.getState().open(DOMAIN);
    expect(bridge.calls[0]).toEqual({ channel: 'filters:get', request: { domain: DOMAIN } });
    expect(pending).toHaveLength(1);
    expect(pending[0]!.request).toMatchObject({
      domain: DOMAIN,
      filters: { keyword: 'mail', states: ['NEW'], priorities: [] },
      sort: { key: 'updateTime', direction: 'desc' },
      offset: 0,
    });
    answer(0);
    await settle();
    const window = shownWindow(view())!;
    expect(window.total).toBe(250);
    expect(rowAt(window, 3)?.title).toBe('Case 3');
  });

  it('queries on every keystroke and shows only the latest keyword’s rows', async () => {
    const { lists, pending, answer, view, bridge } = withDeferredCaseQueries();
    await lists.getState().open(DOMAIN);
    answer(0);
    await settle();
    for (const keyword of ['m', 'me', 'mee']) lists.getState().setKeyword(DOMAIN, keyword);
    expect(pending.map((p) => p.request.filters.keyword)).toEqual(['', 'm', 'me', 'mee']);
    // Saved once typing pauses, with the last keyword.
    expect(bridge.calls.filter((c) => c.channel === 'filters:set')).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, FILTERS_SAVE_DELAY_MS + 50));
    expect(bridge.calls.filter((c) => c.channel === 'filters:set').map((c) => c.request)).toEqual([
      { domain: DOMAIN, filters: { keyword: 'mee', states: [], priorities: [] } },
    ]);

    // Until the latest query answers, the previous rows stay on screen.
    expect(view().shownKey).not.toBe(view().currentKey);
    answer(3, 2, (i) => `mee ${i}`);
    await settle();
    answer(1, 40, (i) => `m ${i}`);
    answer(2, 9, (i) => `me ${i}`);
    await settle();
    const window = shownWindow(view())!;
    expect(view().shownKey).toBe(view().currentKey);
    expect(window.total).toBe(2);
    expect(rowAt(window, 0)?.title).toBe('mee 0');
  });

  it('going back to a recent query shows its rows at once', async () => {
    const { lists, pending, answer, view } = withDeferredCaseQueries();
    await lists.getState().open(DOMAIN);
    answer(0);
    await settle();
    lists.getState().setKeyword(DOMAIN, 'x');
    answer(1, 3);
    await settle();
    lists.getState().setKeyword(DOMAIN, '');
    expect(pending).toHaveLength(2);
    expect(shownWindow(view())?.total).toBe(250);
  });

  it('fetches the pages scrolled into view, once each', async () => {
    const { lists, pending, answer } = withDeferredCaseQueries({ total: 50_000 });
    await lists.getState().open(DOMAIN);
    answer(0);
    await settle();
    lists.getState().showRange(DOMAIN, 20_010, 20_050);
    lists.getState().showRange(DOMAIN, 20_020, 20_060);
    expect(pending.slice(1).map((p) => p.request.offset)).toEqual([20_000]);
    lists.getState().showRange(DOMAIN, 20_080, 20_120);
    expect(pending.slice(1).map((p) => p.request.offset)).toEqual([20_000, 20_100]);
  });

  it('asks a new query for the rows on screen only, and for the rest of the page once scrolled to', async () => {
    const { lists, pending, answer, view } = withDeferredCaseQueries({ total: 50_000 });
    lists.getState().showRange(DOMAIN, 0, 49);
    await lists.getState().open(DOMAIN);
    expect(pending[0]!.request).toMatchObject({ offset: 0, limit: 50 });
    answer(0);
    await settle();
    lists.getState().setKeyword(DOMAIN, 'mail');
    expect(pending[1]!.request).toMatchObject({ offset: 0, limit: 50 });
    answer(1);
    await settle();
    const window = shownWindow(view())!;
    expect(window.total).toBe(50_000);
    expect(rowAt(window, 49)?.title).toBe('Case 49');
    expect(rowAt(window, 50)).toBeUndefined();
    expect(pending).toHaveLength(2);
    lists.getState().showRange(DOMAIN, 20, 69);
    expect(pending[2]!.request).toMatchObject({ offset: 0, limit: 100 });
    answer(2);
    await settle();
    expect(rowAt(shownWindow(view())!, 60)?.title).toBe('Case 60');
  });

  it('refetches what is on screen on cases:changed, and ignores an older answer arriving late', async () => {
    const { lists, pending, answer, view, bridge } = withDeferredCaseQueries();
    await lists.getState().open(DOMAIN);
    answer(0);
    await settle();
    bridge.emit('cases:changed', { domain: DOMAIN });
    expect(pending).toHaveLength(2);
    expect(rowAt(shownWindow(view())!, 0)?.title).toBe('Case 0');
    bridge.emit('cases:changed', { domain: DOMAIN });
    expect(pending).toHaveLength(3);
    answer(2, 251, (i) => `newest ${i}`);
    await settle();
    answer(1, 250, (i) => `older ${i}`);
    await settle();
    const window = shownWindow(view())!;
    expect(rowAt(window, 0)?.title).toBe('newest 0');
    expect(window.total).toBe(251);
  });

  it('ignores cases:changed of another domain', async () => {
    const { lists, pending, answer, bridge } = withDeferredCaseQueries();
    await lists.getState().open(DOMAIN);
    answer(0);
    await settle();
    bridge.emit('cases:changed', { domain: 'revendeur-lumiere.example' });
    expect(pending).toHaveLength(1);
  });

  it('sorts by a clicked column, then reverses it', async () => {
    const { lists, pending, answer, view } = withDeferredCaseQueries();
    await lists.getState().open(DOMAIN);
    answer(0);
    await settle();
    lists.getState().sortBy(DOMAIN, 'title');
    expect(view().sort).toEqual({ key: 'title', direction: 'asc' });
    lists.getState().sortBy(DOMAIN, 'title');
    expect(view().sort).toEqual({ key: 'title', direction: 'desc' });
    lists.getState().sortBy(DOMAIN, 'createTime');
    expect(view().sort).toEqual({ key: 'createTime', direction: 'desc' });
    expect(pending.map((p) => p.request.sort.key)).toEqual(['updateTime', 'title', 'title', 'createTime']);
  });

  it('scopes the query to a customer', async () => {
    const { lists, pending } = withDeferredCaseQueries();
    await lists.getState().open(DOMAIN);
    lists.getState().setScope(DOMAIN, 'C042');
    expect(pending[1]!.request.customerId).toBe('C042');
  });

  it('keeps the error with its detail, and retries on demand', async () => {
    let fail = true;
    const bridge = createFakeBridge({
      'filters:get': () => ({ keyword: '', states: [], priorities: [] }),
      'cases:query': (request: CaseQuery) => {
        if (fail) throw { code: 'missing_privilege', message: 'denied', detail: { privilege: 'Support' } };
        return makeResult(request.offset, request.limit, 5);
      },
    });
    const stores = createAppStores(createPartnerDeskClient(bridge));
    await stores.caseLists.getState().open(DOMAIN);
    await settle();
    const view = () => stores.caseLists.getState().lists[DOMAIN]!;
    expect(view().error).toEqual({ code: 'missing_privilege', message: 'denied', detail: { privilege: 'Support' } });
    fail = false;
    stores.caseLists.getState().retry(DOMAIN);
    await settle();
    expect(view().error).toBeNull();
    expect(shownWindow(view())?.total).toBe(5);
  });
});
