import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppErrorData } from '../../shared/app-error';
import type { Account } from '../../shared/model/account';
import type { PartnerDeskClient } from '../ipc/partner-desk-client';
import { toErrorData } from './error-data';

export type SignInFlow =
  { phase: 'idle' } | { phase: 'waiting'; domain: string } | { phase: 'failed'; domain: string; error: AppErrorData };

export interface AccountsState {
  accounts: readonly Account[];
  loaded: boolean;
  loadError: AppErrorData | null;
  activeDomain: string | null;
  /** The All-domains tab is on screen (activeDomain stays the domain tab last shown). */
  queueActive: boolean;
  signIn: SignInFlow;
  load(): Promise<void>;
  /** accounts:changed, or any answer that carries the whole list. */
  applyAccounts(accounts: readonly Account[]): void;
  activate(domain: string): void;
  /** Shows the All-domains tab (there is one while any domain has a tab). */
  activateQueue(): void;
  /**
   * A domain asked for (a notification's click) before the accounts listing it arrived:
   * its tab is selected as soon as they do.
   */
  awaitedDomain: string | null;
  /** Ctrl/Cmd+1..9: the n-th tab, from 0. */
  activateIndex(index: number): void;
  /** Resolves to the signed-in account, or null when cancelled or failed (see `signIn`). */
  startSignIn(domain: string, loginHint?: string): Promise<Account | null>;
  cancelSignIn(): Promise<void>;
  dismissSignInError(): void;
  signOut(domain: string): Promise<void>;
  /** Moves a tab by `delta` places (keyboard reordering). */
  move(domain: string, delta: number): Promise<void>;
  /** Puts `domain` at the place of `target` (drag and drop). */
  moveTo(domain: string, target: string): Promise<void>;
}

export function createAccountsStore(client: PartnerDeskClient): StoreApi<AccountsState> {
  return createStore<AccountsState>((set, get) => {
    /** The latest sign-in: a cancelled one that answers late must not end the one started after it. */
    let signInAttempt = 0;
    const reorder = async (domains: string[]) => {
      const before = get().accounts;
      // Optimistic: the tab moves under the pointer at once; the core's answer is authoritative.
      get().applyAccounts(domains.map((d) => before.find((a) => a.domain === d)).filter((a) => a !== undefined));
      try {
        get().applyAccounts(await client.invoke('accounts:reorder', { domains }));
      } catch (error) {
        client.log.error('accounts:reorder failed', error);
        get().applyAccounts(before);
      }
    };

    return {
      accounts: [],
      loaded: false,
      loadError: null,
      activeDomain: null,
      queueActive: false,
      awaitedDomain: null,
      signIn: { phase: 'idle' },

      async load() {
        try {
          get().applyAccounts(await client.invoke('accounts:list', {}));
          set({ loaded: true, loadError: null });
        } catch (error) {
          set({ loaded: true, loadError: toErrorData(error) });
        }
      },

      applyAccounts(accounts) {
        const { activeDomain: active, awaitedDomain: awaited } = get();
        if (awaited !== null && accounts.some((a) => a.domain === awaited)) {
          set({ accounts, activeDomain: awaited, awaitedDomain: null });
          return;
        }
        const stillThere = accounts.some((a) => a.domain === active);
        set({
          accounts,
          activeDomain: stillThere ? active : (accounts[0]?.domain ?? null),
          queueActive: get().queueActive && accounts.length > 0,
        });
      },

      activate(domain) {
        // Before the list loaded (a notification click that started the app), the tab is
        // selected as soon as the accounts listing it arrive.
        if (get().accounts.some((a) => a.domain === domain)) {
          set({ activeDomain: domain, awaitedDomain: null, queueActive: false });
        } else if (!get().loaded) set({ awaitedDomain: domain, queueActive: false });
      },

      activateQueue() {
        if (get().accounts.length > 0) set({ queueActive: true });
      },

      activateIndex(index) {
        const account = get().accounts[index];
        if (account) set({ activeDomain: account.domain, awaitedDomain: null, queueActive: false });
      },

      async startSignIn(domain, loginHint) {
        const attempt = ++signInAttempt;
        set({ signIn: { phase: 'waiting', domain } });
        try {
          const account = await client.invoke('account:signIn', loginHint ? { domain, loginHint } : { domain });
          const others = get().accounts.filter((a) => a.domain !== account.domain);
          const existing = get().accounts.findIndex((a) => a.domain === account.domain);
          const accounts =
            existing >= 0
              ? get().accounts.map((a) => (a.domain === account.domain ? account : a))
              : [...others, account];
          set({ signIn: { phase: 'idle' } });
          get().applyAccounts(accounts);
          set({ activeDomain: account.domain, queueActive: false });
          return account;
        } catch (error) {
          if (attempt !== signInAttempt) return null;
          const data = toErrorData(error);
          set({ signIn: data.code === 'cancelled' ? { phase: 'idle' } : { phase: 'failed', domain, error: data } });
          return null;
        }
      },

      async cancelSignIn() {
        try {
          await client.invoke('account:cancelSignIn', {});
        } finally {
          set({ signIn: { phase: 'idle' } });
        }
      },

      dismissSignInError() {
        set({ signIn: { phase: 'idle' } });
      },

      async signOut(domain) {
        await client.invoke('account:signOut', { domain });
        get().applyAccounts(get().accounts.filter((a) => a.domain !== domain));
      },

      async move(domain, delta) {
        const domains = get().accounts.map((a) => a.domain);
        const from = domains.indexOf(domain);
        const to = Math.min(Math.max(from + delta, 0), domains.length - 1);
        if (from < 0 || from === to) return;
        domains.splice(from, 1);
        domains.splice(to, 0, domain);
        await reorder(domains);
      },

      async moveTo(domain, target) {
        const domains = get().accounts.map((a) => a.domain);
        const from = domains.indexOf(domain);
        const to = domains.indexOf(target);
        if (from < 0 || to < 0 || from === to) return;
        domains.splice(from, 1);
        domains.splice(to, 0, domain);
        await reorder(domains);
      },
    };
  });
}
