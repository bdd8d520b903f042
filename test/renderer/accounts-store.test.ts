import { describe, expect, it } from 'vitest';
import type { Account } from '../../shared/model/account';
import { createPartnerDeskClient } from '../../renderer/ipc/partner-desk-client';
import { createAppStores } from '../../renderer/store/app-stores';
import { wireEvents } from '../../renderer/store/wire-events';
import { createFakeBridge, deferred, settle, type FakeHandlers } from './fake-bridge';

const account = (domain: string, overrides: Partial<Account> = {}): Account => ({
  domain,
  email: `alex@${domain}`,
  displayName: 'Alex',
  status: 'signed_in',
  attentionCount: 0,
  ...overrides,
});
const A = 'northwind-reseller.example';
const B = 'revendeur-lumiere.example';
const C = 'third.example';

function setUp(handlers: FakeHandlers = {}) {
  let accounts = [account(A), account(B), account(C)];
  const bridge = createFakeBridge({
    'accounts:list': () => accounts,
    'accounts:reorder': ({ domains }: { domains: string[] }) =>
      (accounts = domains.map((d) => accounts.find((a) => a.domain === d)!)),
    'account:signOut': ({ domain }: { domain: string }) => {
      accounts = accounts.filter((a) => a.domain !== domain);
      return {};
    },
    ...handlers,
  });
  const stores = createAppStores(createPartnerDeskClient(bridge));
  wireEvents(stores);
  return { bridge, stores, accounts: stores.accounts };
}

const order = (state: { accounts: readonly Account[] }) => state.accounts.map((a) => a.domain);

describe('accounts store', () => {
  it('loads the tabs in the core’s order and activates the first', async () => {
    const { accounts } = setUp();
    await accounts.getState().load();
    expect(order(accounts.getState())).toEqual([A, B, C]);
    expect(accounts.getState().activeDomain).toBe(A);
  });

  it('switches tabs by index (Ctrl/Cmd+1..9) and ignores indexes past the last tab', async () => {
    const { accounts } = setUp();
    await accounts.getState().load();
    accounts.getState().activateIndex(2);
    expect(accounts.getState().activeDomain).toBe(C);
    accounts.getState().activateIndex(8);
    expect(accounts.getState().activeDomain).toBe(C);
  });

  it('moves a tab with the keyboard and by drag and drop, saving the order', async () => {
    const { accounts, bridge } = setUp();
    await accounts.getState().load();
    await accounts.getState().move(A, 1);
    expect(order(accounts.getState())).toEqual([B, A, C]);
    await accounts.getState().move(B, -1);
    expect(order(accounts.getState())).toEqual([B, A, C]);
    await accounts.getState().moveTo(C, B);
    expect(order(accounts.getState())).toEqual([C, B, A]);
    expect(bridge.calls.filter((c) => c.channel === 'accounts:reorder').map((c) => c.request)).toEqual([
      { domains: [B, A, C] },
      { domains: [C, B, A] },
    ]);
  });

  it('puts the tabs back when the core refuses the new order', async () => {
    const { accounts } = setUp({
      'accounts:reorder': () => {
        throw { code: 'internal', message: 'disk full' };
      },
    });
    await accounts.getState().load();
    const errors = console.error;
    console.error = () => {};
    await accounts
      .getState()
      .move(A, 1)
      .finally(() => (console.error = errors));
    expect(order(accounts.getState())).toEqual([A, B, C]);
  });

  it('signs in: waiting, then the new tab is active', async () => {
    const answer = deferred<Account>();
    const { accounts } = setUp({ 'account:signIn': () => answer.promise });
    await accounts.getState().load();
    const signing = accounts.getState().startSignIn('new.example', 'sam@new.example');
    expect(accounts.getState().signIn).toEqual({ phase: 'waiting', domain: 'new.example' });
    answer.resolve(account('new.example'));
    await expect(signing).resolves.toMatchObject({ domain: 'new.example' });
    expect(order(accounts.getState())).toEqual([A, B, C, 'new.example']);
    expect(accounts.getState().activeDomain).toBe('new.example');
    expect(accounts.getState().signIn.phase).toBe('idle');
  });

  it('a cancelled sign-in goes back quietly; a failed one keeps its error', async () => {
    let code = 'cancelled';
    const { accounts } = setUp({
      'account:signIn': () => {
        throw { code, message: 'x', detail: { domain: 'new.example' } };
      },
    });
    await expect(accounts.getState().startSignIn('new.example')).resolves.toBeNull();
    expect(accounts.getState().signIn.phase).toBe('idle');
    code = 'wrong_domain';
    await accounts.getState().startSignIn('new.example');
    expect(accounts.getState().signIn).toMatchObject({ phase: 'failed', error: { code: 'wrong_domain' } });
  });

  it('a sign-in opened again is not ended by the cancelled one answering late', async () => {
    const answers: ReturnType<typeof deferred<Account>>[] = [];
    const { accounts } = setUp({
      'account:signIn': () => {
        const answer = deferred<Account>();
        answers.push(answer);
        return answer.promise;
      },
      'account:cancelSignIn': () => ({ cancelled: true }),
    });
    const first = accounts.getState().startSignIn('new.example');
    await accounts.getState().cancelSignIn();
    const second = accounts.getState().startSignIn('new.example');
    answers[0]!.reject({ code: 'cancelled', message: 'x' });
    await expect(first).resolves.toBeNull();
    expect(accounts.getState().signIn).toEqual({ phase: 'waiting', domain: 'new.example' });
    answers[1]!.resolve(account('new.example'));
    await expect(second).resolves.toMatchObject({ domain: 'new.example' });
    expect(accounts.getState().signIn.phase).toBe('idle');
  });

  it('follows accounts:changed: a needs-sign-in status, and a removed domain forgets its lists', async () => {
    const { accounts, bridge, stores } = setUp({
      'filters:get': () => ({ keyword: '', states: [], priorities: [] }),
      'cases:query': () => new Promise(() => {}),
    });
    await accounts.getState().load();
    accounts.getState().activate(B);
    await stores.caseLists.getState().open(B);
    expect(stores.caseLists.getState().lists[B]).toBeDefined();
    bridge.emit('accounts:changed', { accounts: [account(A, { status: 'needs_sign_in' }), account(C)] });
    await settle();
    expect(accounts.getState().accounts[0]?.status).toBe('needs_sign_in');
    expect(accounts.getState().activeDomain).toBe(A);
    expect(stores.caseLists.getState().lists[B]).toBeUndefined();
  });

  it('opens the case a notification points at, in its tab', async () => {
    const { accounts, bridge, stores } = setUp();
    await accounts.getState().load();
    bridge.emit('notification:open', { domain: C, name: 'organizations/1/cases/9' });
    expect(accounts.getState().activeDomain).toBe(C);
    expect(stores.ui.getState().openCase[C]).toBe('organizations/1/cases/9');
  });

  it('keeps the tab a notification asked for before the list loaded, if the domain is in it', async () => {
    const { accounts, bridge } = setUp();
    bridge.emit('notification:open', { domain: B, name: 'organizations/1/cases/9' });
    await accounts.getState().load();
    expect(accounts.getState().activeDomain).toBe(B);

    const later = setUp();
    later.bridge.emit('notification:open', { domain: 'gone.example' });
    await later.accounts.getState().load();
    expect(later.accounts.getState().activeDomain).toBe(A);
    later.accounts.getState().activate('gone.example');
    expect(later.accounts.getState().activeDomain).toBe(A);
  });
});
