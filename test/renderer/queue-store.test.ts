import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '../../shared/model/account';
import type { QueueResult, QueueRow } from '../../shared/model/attention-queue';
import { createPartnerDeskClient } from '../../renderer/ipc/partner-desk-client';
import { createAppStores } from '../../renderer/store/app-stores';
import { createQueueStore, QUEUE_REFRESH_MS } from '../../renderer/store/queue-store';
import { wireEvents } from '../../renderer/store/wire-events';
import { openQueueRow } from '../../renderer/features/queue/open-queue-row';
import { makeCase } from './case-fixtures';
import { createFakeBridge, deferred, settle } from './fake-bridge';

const A = 'northwind-reseller.example';
const B = 'revendeur-lumiere.example';
const account = (domain: string, attentionCount = 0): Account => ({
  domain,
  email: `alex@${domain}`,
  displayName: 'Alex',
  status: 'signed_in',
  attentionCount,
});
const row = (index: number, domain: string): QueueRow => ({
  ...makeCase(index, { domain, state: 'ACTION_REQUIRED', name: `organizations/${domain.length}/cases/${index}` }),
  unread: false,
  waiting: { on: 'team', since: '2026-11-02T10:00:00Z' },
});
const answer = (...rows: QueueRow[]): QueueResult => ({ rows, total: rows.length });

afterEach(() => {
  vi.useRealTimers();
});

describe('queue store', () => {
  it('keeps the latest answer, and the error of a failed read until one goes through', async () => {
    const answers: ReturnType<typeof deferred<QueueResult>>[] = [];
    const bridge = createFakeBridge({
      'queue:query': () => {
        const next = deferred<QueueResult>();
        answers.push(next);
        return next.promise;
      },
    });
    const store = createQueueStore(createPartnerDeskClient(bridge));
    void store.getState().load();
    void store.getState().load();
    expect(store.getState().loading).toBe(true);
    answers[1]!.resolve(answer(row(2, B)));
    await settle();
    answers[0]!.resolve(answer(row(1, A)));
    await settle();
    expect(store.getState().result?.rows.map((r) => r.title)).toEqual(['Case 2']);
    expect(store.getState().loading).toBe(false);

    void store.getState().load();
    answers[2]!.reject({ code: 'internal', message: 'boom' });
    await settle();
    // The rows shown stay; the error says the last read failed.
    expect(store.getState().result?.rows).toHaveLength(1);
    expect(store.getState().error?.code).toBe('internal');
    void store.getState().load();
    answers[3]!.resolve(answer());
    await settle();
    expect(store.getState()).toMatchObject({ error: null, result: { rows: [], total: 0 } });
  });

  it('reads again once for a burst of cases:changed and accounts:changed, only while its tab shows', async () => {
    vi.useFakeTimers();
    let rows = [row(1, A)];
    const bridge = createFakeBridge({ 'queue:query': () => answer(...rows) });
    const stores = createAppStores(createPartnerDeskClient(bridge));
    const unwire = wireEvents(stores);
    const queries = () => bridge.calls.filter((call) => call.channel === 'queue:query').length;
    bridge.emit('accounts:changed', { accounts: [account(A), account(B)] });

    // Never read, or read but its tab not on screen: nothing to refresh.
    stores.accounts.getState().activateQueue();
    bridge.emit('cases:changed', { domain: A });
    await vi.advanceTimersByTimeAsync(QUEUE_REFRESH_MS * 2);
    expect(queries()).toBe(0);
    await stores.queue.getState().load();
    stores.accounts.getState().activate(A);
    bridge.emit('cases:changed', { domain: A });
    await vi.advanceTimersByTimeAsync(QUEUE_REFRESH_MS * 2);
    expect(queries()).toBe(1);

    stores.accounts.getState().activateQueue();
    expect(queries()).toBe(1);
    rows = [row(1, A), row(2, B)];
    bridge.emit('cases:changed', { domain: A });
    bridge.emit('cases:changed', { domain: B });
    bridge.emit('accounts:changed', { accounts: [account(A, 1), account(B, 1)] });
    await vi.advanceTimersByTimeAsync(QUEUE_REFRESH_MS - 1);
    expect(queries()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(queries()).toBe(2);
    expect(stores.queue.getState().result?.rows.map((r) => r.domain)).toEqual([A, B]);

    // Unwired, a pending refresh never fires.
    bridge.emit('cases:changed', { domain: A });
    unwire();
    await vi.advanceTimersByTimeAsync(QUEUE_REFRESH_MS * 2);
    expect(queries()).toBe(2);
  });

  it('opens a row in its own domain tab, leaving the All-domains tab', async () => {
    const bridge = createFakeBridge({ 'accounts:list': () => [account(A, 2), account(B, 1)] });
    const stores = createAppStores(createPartnerDeskClient(bridge));
    await stores.accounts.getState().load();
    stores.accounts.getState().activateQueue();
    expect(stores.accounts.getState()).toMatchObject({ queueActive: true, activeDomain: A });
    const target = row(7, B);
    openQueueRow(stores, target);
    expect(stores.accounts.getState()).toMatchObject({ queueActive: false, activeDomain: B });
    expect(stores.ui.getState().openCase).toEqual({ [B]: target.name });
  });

  it('has an All-domains tab only while a domain has a tab; Ctrl/Cmd+1..9 still pick domains', async () => {
    let accounts = [account(A), account(B)];
    const bridge = createFakeBridge({ 'accounts:list': () => accounts });
    const stores = createAppStores(createPartnerDeskClient(bridge));
    stores.accounts.getState().activateQueue();
    expect(stores.accounts.getState().queueActive).toBe(false);
    await stores.accounts.getState().load();
    stores.accounts.getState().activateQueue();
    stores.accounts.getState().activateIndex(1);
    expect(stores.accounts.getState()).toMatchObject({ queueActive: false, activeDomain: B });
    stores.accounts.getState().activateQueue();
    accounts = [];
    await stores.accounts.getState().load();
    expect(stores.accounts.getState()).toMatchObject({ queueActive: false, activeDomain: null });
  });
});
