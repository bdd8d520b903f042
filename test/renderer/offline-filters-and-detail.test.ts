import { describe, expect, it } from 'vitest';
import type { CaseFilters, CaseQuery } from '../../shared/model/case-query';
import type { CaseDetail } from '../../shared/model/case';
import { createPartnerDeskClient } from '../../renderer/ipc/partner-desk-client';
import { createAppStores } from '../../renderer/store/app-stores';
import { caseDetailKey } from '../../renderer/store/case-detail-store';
import { FILTERS_SAVE_DELAY_MS } from '../../renderer/store/case-list-store';
import { wireEvents } from '../../renderer/store/wire-events';
import { makeDetail } from './case-detail-fixtures';
import { makeResult } from './case-fixtures';
import { createFakeBridge, deferred, settle, type FakeHandlers } from './fake-bridge';

const DOMAIN = 'northwind-reseller.example';
const NAME = makeDetail().name;
const afterSaveDelay = () => new Promise((resolve) => setTimeout(resolve, FILTERS_SAVE_DELAY_MS + 50));

function storesOver(handlers: FakeHandlers, bridgeExtras: { transportDown?: () => boolean } = {}) {
  const bridge = createFakeBridge(handlers);
  const invoke = bridge.invoke.bind(bridge);
  // A transport that fails outright while the test says the core is gone, as a closed socket does.
  bridge.invoke = async (channel, request) => {
    if (bridgeExtras.transportDown?.()) throw new Error('socket closed');
    return invoke(channel, request);
  };
  const stores = createAppStores(createPartnerDeskClient(bridge));
  wireEvents(stores);
  return { bridge, stores };
}

const queries = (handlers: { calls: { channel: string; request: unknown }[] }) =>
  handlers.calls.filter((c) => c.channel === 'cases:query').map((c) => (c.request as CaseQuery).filters.keyword);

function detail(title: string): CaseDetail {
  return makeDetail({ name: NAME, title });
}

describe('a keyword typed while the core is slow or gone', () => {
  it('is not undone by the remembered filters answering late, and is saved', async () => {
    const remembered = deferred<CaseFilters>();
    const { bridge, stores } = storesOver({
      'filters:get': () => remembered.promise,
      'filters:set': () => ({}),
      'cases:query': (request: CaseQuery) => makeResult(request.offset, request.limit, 3),
    });
    const lists = stores.caseLists.getState();
    const opened = lists.open(DOMAIN);
    // A customer picked and a keyword typed before the filters were read.
    lists.setScope(DOMAIN, 'C01');
    lists.setKeyword(DOMAIN, 'gmail');
    remembered.resolve({ keyword: 'old', states: ['NEW'], priorities: [] });
    await opened;
    await settle();
    const view = stores.caseLists.getState().lists[DOMAIN]!;
    expect(view.filters).toEqual({ keyword: 'gmail', states: [], priorities: [] });
    expect(queries(bridge)).toEqual(['gmail']);
    await afterSaveDelay();
    expect(bridge.calls.filter((c) => c.channel === 'filters:set').map((c) => c.request)).toEqual([
      { domain: DOMAIN, filters: { keyword: 'gmail', states: [], priorities: [] } },
    ]);
  });

  it('stays when the filters cannot be read, and a second mount reads them once', async () => {
    const remembered = deferred<CaseFilters>();
    const { bridge, stores } = storesOver({
      'filters:get': () => remembered.promise,
      'filters:set': () => ({}),
      'cases:query': (request: CaseQuery) => makeResult(request.offset, request.limit, 3),
    });
    const lists = stores.caseLists.getState();
    const first = lists.open(DOMAIN);
    const second = lists.open(DOMAIN);
    lists.setKeyword(DOMAIN, 'gmail');
    remembered.reject({ code: 'core_lost', message: 'gone' });
    await Promise.all([first, second]);
    expect(bridge.calls.filter((c) => c.channel === 'filters:get')).toHaveLength(1);
    expect(stores.caseLists.getState().lists[DOMAIN]!.filters.keyword).toBe('gmail');
  });

  it('is saved once the core answers again when it could not be saved while it was gone', async () => {
    let down = false;
    const { bridge, stores } = storesOver(
      {
        'filters:get': () => ({ keyword: '', states: [], priorities: [] }),
        'filters:set': () => ({}),
        'cases:query': (request: CaseQuery) => makeResult(request.offset, request.limit, 3),
        'accounts:list': () => [],
      },
      { transportDown: () => down },
    );
    const lists = stores.caseLists.getState();
    await lists.open(DOMAIN);
    down = true;
    lists.setKeyword(DOMAIN, 'gmail');
    await afterSaveDelay();
    expect(stores.coreLink.getState().lost).toBe(true);
    expect(stores.caseLists.getState().lists[DOMAIN]!.filters.keyword).toBe('gmail');
    const saves = () => bridge.calls.filter((c) => c.channel === 'filters:set').map((c) => c.request);
    expect(saves()).toEqual([]);
    down = false;
    await stores.client.invoke('accounts:list', {});
    expect(stores.coreLink.getState().lost).toBe(false);
    await afterSaveDelay();
    expect(saves()).toEqual([{ domain: DOMAIN, filters: { keyword: 'gmail', states: [], priorities: [] } }]);
  });
});

describe('case detail offline', () => {
  it('marks a copy from the cache as saved until a refresh answers', async () => {
    const { bridge, stores } = storesOver({
      'case:get': () => ({ detail: detail('Saved'), source: 'cache', savedAt: '2026-03-01T10:00:00.000Z' }),
    });
    await stores.caseDetails.getState().load(DOMAIN, NAME);
    const key = caseDetailKey(DOMAIN, NAME);
    expect(stores.caseDetails.getState().details[key]).toMatchObject({
      savedCopy: true,
      savedAt: '2026-03-01T10:00:00.000Z',
      loading: true,
      refreshError: null,
    });
    bridge.emit('case:refreshFailed', { domain: DOMAIN, name: NAME, error: { code: 'server', message: '500' } });
    expect(stores.caseDetails.getState().details[key]).toMatchObject({
      savedCopy: true,
      loading: false,
      refreshError: { code: 'server' },
      detail: { title: 'Saved' },
    });
    bridge.emit('case:changed', { domain: DOMAIN, detail: detail('Fresh') });
    expect(stores.caseDetails.getState().details[key]).toMatchObject({
      savedCopy: false,
      refreshError: null,
      detail: { title: 'Fresh' },
    });
  });

  it("keeps a refresh's outcome that overtook case:get's own answer", async () => {
    const key = caseDetailKey(DOMAIN, NAME);
    const overtaken = async (event: 'case:refreshFailed' | 'case:changed', payload: unknown) => {
      const answer = deferred<unknown>();
      const { bridge, stores } = storesOver({ 'case:get': () => answer.promise });
      const loading = stores.caseDetails.getState().load(DOMAIN, NAME);
      await settle();
      bridge.emit(event, payload);
      answer.resolve({ detail: detail('Saved'), source: 'cache' });
      await loading;
      return stores.caseDetails.getState().details[key]!;
    };
    expect(
      await overtaken('case:refreshFailed', { domain: DOMAIN, name: NAME, error: { code: 'offline', message: 'x' } }),
    ).toMatchObject({ savedCopy: true, loading: false, refreshError: { code: 'offline' }, detail: { title: 'Saved' } });
    expect(await overtaken('case:changed', { domain: DOMAIN, detail: detail('Fresh') })).toMatchObject({
      savedCopy: false,
      loading: false,
      detail: { title: 'Fresh' },
    });
  });

  it('an uncached case while offline fails at once with offline, and is read again when a sync goes through', async () => {
    let online = false;
    const { stores, bridge } = storesOver({
      'case:get': () => {
        if (!online) throw { code: 'offline', message: 'not saved' };
        return { detail: detail('Now'), source: 'network' };
      },
    });
    stores.ui.getState().openCaseIn(DOMAIN, NAME);
    await stores.caseDetails.getState().load(DOMAIN, NAME);
    const key = caseDetailKey(DOMAIN, NAME);
    expect(stores.caseDetails.getState().details[key]).toMatchObject({ loading: false, error: { code: 'offline' } });
    online = true;
    bridge.emit('sync:status', { domain: DOMAIN, state: 'syncing', lastSyncedAt: null });
    await settle();
    expect(bridge.calls.filter((c) => c.channel === 'case:get')).toHaveLength(1);
    bridge.emit('sync:status', { domain: DOMAIN, state: 'idle', lastSyncedAt: '2026-03-01T10:00:00.000Z' });
    await settle();
    expect(stores.caseDetails.getState().details[key]).toMatchObject({ error: null, detail: { title: 'Now' } });
  });
});
