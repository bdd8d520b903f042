import { DEFAULT_SETTINGS } from '../../shared/model/settings';
import { describe, expect, it, vi } from 'vitest';
import { createPartnerDeskClient } from '../../renderer/ipc/partner-desk-client';
import { createAppStores } from '../../renderer/store/app-stores';
import { caseDetailKey } from '../../renderer/store/case-detail-store';
import { CUSTOMERS_RELOAD_MIN_MS, wireEvents } from '../../renderer/store/wire-events';
import { makeCase } from './case-fixtures';
import { DOMAIN, makeDetail } from './case-detail-fixtures';
import { createFakeBridge } from './fake-bridge';

describe('contract events into the stores', () => {
  it('shows the cached case at once, then the network copy from case:changed', async () => {
    const bridge = createFakeBridge({
      'case:get': () => ({ detail: makeDetail({ title: 'cached' }), source: 'cache' }),
    });
    const stores = createAppStores(createPartnerDeskClient(bridge));
    const unwire = wireEvents(stores);
    const name = makeCase(1).name;
    await stores.caseDetails.getState().load(DOMAIN, name);
    expect(stores.caseDetails.getState().details[caseDetailKey(DOMAIN, name)]?.detail?.title).toBe('cached');
    bridge.emit('case:changed', { domain: DOMAIN, detail: makeDetail({ title: 'fresh' }) });
    expect(stores.caseDetails.getState().details[caseDetailKey(DOMAIN, name)]?.detail?.title).toBe('fresh');
    unwire();
    expect(bridge.listenerCount()).toBe(0);
  });

  it('reads the customers pane again once per burst of cases:changed, when the page is idle, at most every few seconds', async () => {
    // Signed in before the first sync listed anything: the pane's first reads find none.
    const listed: string[][] = [[], [], ['Acme']];
    const bridge = createFakeBridge({
      'customers:list': () =>
        (listed.shift() ?? ['Acme']).map((name) => ({
          customerId: `C-${name}`,
          domain: `${name.toLowerCase()}.example`,
          organizationName: name,
          organization: null,
          access: 'granted' as const,
          premiumSupport: false,
          caseCount: 1,
        })),
    });
    const stores = createAppStores(createPartnerDeskClient(bridge));
    const unwire = wireEvents(stores);
    await stores.customers.getState().load(DOMAIN);
    expect(stores.customers.getState().lists[DOMAIN]?.customers).toEqual([]);
    const reads = () => bridge.calls.filter((call) => call.channel === 'customers:list').length;
    for (let i = 0; i < 3; i += 1) bridge.emit('cases:changed', { domain: DOMAIN });
    await vi.waitFor(() => expect(reads()).toBe(2));
    // The pane still lists none: the next burst is read at once, not a few seconds after the last read.
    for (let i = 0; i < 3; i += 1) bridge.emit('cases:changed', { domain: DOMAIN });
    await vi.waitFor(() =>
      expect(stores.customers.getState().lists[DOMAIN]?.customers?.map((c) => c.organizationName)).toEqual(['Acme']),
    );
    expect(reads()).toBe(3);
    // A later change is read again, but not sooner than CUSTOMERS_RELOAD_MIN_MS after the last read.
    vi.useFakeTimers();
    try {
      bridge.emit('cases:changed', { domain: DOMAIN });
      await vi.advanceTimersByTimeAsync(CUSTOMERS_RELOAD_MIN_MS / 2);
      expect(reads()).toBe(3);
      await vi.advanceTimersByTimeAsync(CUSTOMERS_RELOAD_MIN_MS);
      expect(reads()).toBe(4);
    } finally {
      vi.useRealTimers();
    }
    unwire();
  });

  it('reports a case the core cannot find', async () => {
    const bridge = createFakeBridge({ 'case:get': () => ({ detail: null, source: 'network' }) });
    const stores = createAppStores(createPartnerDeskClient(bridge));
    await stores.caseDetails.getState().load(DOMAIN, 'organizations/1/cases/404');
    const entry = stores.caseDetails.getState().details[caseDetailKey(DOMAIN, 'organizations/1/cases/404')];
    expect(entry?.error?.code).toBe('not_found');
  });

  it('follows sync:status and settings:changed', () => {
    const bridge = createFakeBridge({});
    const stores = createAppStores(createPartnerDeskClient(bridge));
    wireEvents(stores);
    bridge.emit('sync:status', { domain: DOMAIN, state: 'offline', lastSyncedAt: '2026-11-23T10:00:00Z' });
    expect(stores.sync.getState().statuses[DOMAIN]?.state).toBe('offline');
    bridge.emit('settings:changed', { ...DEFAULT_SETTINGS, language: 'fr', theme: 'dark' });
    expect(stores.settings.getState().settings).toEqual({ ...DEFAULT_SETTINGS, language: 'fr', theme: 'dark' });
  });

  it('puts a refused setting back and keeps the error', async () => {
    const bridge = createFakeBridge({
      'settings:set': () => {
        throw { code: 'internal', message: 'disk full' };
      },
    });
    const stores = createAppStores(createPartnerDeskClient(bridge));
    await stores.settings.getState().update({ theme: 'dark' });
    expect(stores.settings.getState().settings.theme).toBe('system');
    expect(stores.settings.getState().error?.code).toBe('internal');
  });
});
