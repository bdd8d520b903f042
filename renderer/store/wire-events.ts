import type { AppStores } from './app-stores';
import { caseDetailKey } from './case-detail-store';

export const DRAFTS_RELOAD_MS = 300;

/** The customers pane is read again at most this often while cases change. */
export const CUSTOMERS_RELOAD_MIN_MS = 5_000;

/** Longest wait for an idle moment before the work runs anyway. */
export const IDLE_TIMEOUT_MS = 2_000;

function whenIdle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(work, 0);
}

/** Feeds the contract's events into the stores. Returns the unsubscribe-all function. */
export function wireEvents(stores: AppStores): () => void {
  const { client } = stores;
  // Each domain's drafts are read as soon as its tab exists: its New case and composers resume from them.
  const draftsRequested = new Set<string>();
  const loadNewDomainsDrafts = () => {
    for (const { domain } of stores.accounts.getState().accounts) {
      if (draftsRequested.has(domain)) continue;
      draftsRequested.add(domain);
      void stores.drafts.getState().load(domain);
    }
  };
  loadNewDomainsDrafts();
  // Every committed keystroke says drafts:changed: the list (its count, its order) is read again at most this often.
  const reloadTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const reloadDraftsSoon = (domain: string) => {
    if (reloadTimers.has(domain)) return;
    reloadTimers.set(
      domain,
      setTimeout(() => {
        reloadTimers.delete(domain);
        void stores.drafts.getState().load(domain);
      }, DRAFTS_RELOAD_MS),
    );
  };
  // The customers pane's counts follow the cases, but its list (1,000 customers at scale) is
  // read again at most every CUSTOMERS_RELOAD_MIN_MS once it lists some, when the page is
  // idle: read on every cases:changed, its answer fell on the user's keystrokes while a sync
  // merged changes.
  const customersDue = new Map<string, ReturnType<typeof setTimeout>>();
  const customersReadAt = new Map<string, number>();
  const reloadCustomersSoon = (domain: string) => {
    if (customersDue.has(domain)) return;
    // Until the pane lists a customer (a domain just signed in, its first sync under way), no wait.
    const listed = (stores.customers.getState().lists[domain]?.customers?.length ?? 0) > 0;
    const readAt = listed ? (customersReadAt.get(domain) ?? -Infinity) : -Infinity;
    const wait = Math.max(0, readAt + CUSTOMERS_RELOAD_MIN_MS - Date.now());
    const timer = setTimeout(
      () =>
        whenIdle(() => {
          customersDue.delete(domain);
          customersReadAt.set(domain, Date.now());
          if (stores.customers.getState().lists[domain]) void stores.customers.getState().load(domain);
        }),
      wait,
    );
    customersDue.set(domain, timer);
  };
  // The queue is read again only while its tab is on screen: showing the tab reads it anyway.
  const refreshQueueIfShown = () => {
    if (stores.accounts.getState().queueActive) stores.queue.getState().refreshSoon();
  };
  const subscriptions = [
    stores.accounts.subscribe(loadNewDomainsDrafts),
    client.on('drafts:changed', ({ domain }) => reloadDraftsSoon(domain)),
    client.on('accounts:changed', ({ accounts }) => {
      const before = new Set(stores.accounts.getState().accounts.map((a) => a.domain));
      stores.accounts.getState().applyAccounts(accounts);
      const after = new Set(accounts.map((a) => a.domain));
      for (const domain of before) if (!after.has(domain)) forgetDomain(stores, domain);
      refreshQueueIfShown();
    }),
    client.on('cases:changed', ({ domain }) => {
      stores.caseLists.getState().refresh(domain);
      refreshQueueIfShown();
      if (stores.customers.getState().lists[domain]) reloadCustomersSoon(domain);
      // A case filed from here turns real when a sync lists it, which only says cases:changed: read it again.
      const open = stores.ui.getState().openCase[domain];
      if (open && stores.caseDetails.getState().details[caseDetailKey(domain, open)]?.detail?.pending) {
        void stores.caseDetails.getState().load(domain, open);
      }
    }),
    client.on('case:changed', ({ domain, detail }) => stores.caseDetails.getState().apply(domain, detail)),
    client.on('case:refreshFailed', ({ domain, name, error }) =>
      stores.caseDetails.getState().refreshFailed(domain, name, error),
    ),
    client.on('transfer:progress', (progress) => stores.transfers.getState().applyProgress(progress)),
    client.on('sync:status', (status) => {
      stores.sync.getState().apply(status);
      // A pass went through: the domain answers again, so the open case that could not be read or refreshed is read now.
      if (status.state === 'idle') reloadIfWaitingForNetwork(stores, status.domain);
    }),
    client.on('outbox:changed', ({ domain }) => void stores.outbox.getState().load(domain)),
    client.on('settings:changed', (settings) => stores.settings.getState().apply(settings)),
    client.on('notices:changed', () => void stores.notices.getState().load()),
    client.on('notification:open', ({ domain, name }) => {
      stores.accounts.getState().activate(domain);
      if (name === undefined) return;
      // Already open: read again, it is what changed. Otherwise the case's pane reads it as it mounts.
      const alreadyOpen = stores.ui.getState().openCase[domain] === name;
      stores.ui.getState().showCaseFrom(domain, name);
      if (alreadyOpen) void stores.caseDetails.getState().load(domain, name);
    }),
  ];
  return () => {
    subscriptions.forEach((unsubscribe) => unsubscribe());
    reloadTimers.forEach((timer) => clearTimeout(timer));
    customersDue.forEach((timer) => clearTimeout(timer));
    stores.queue.getState().dispose();
  };
}

function reloadIfWaitingForNetwork(stores: AppStores, domain: string): void {
  const open = stores.ui.getState().openCase[domain];
  const entry = open ? stores.caseDetails.getState().details[caseDetailKey(domain, open)] : undefined;
  if (open && (entry?.error?.code === 'offline' || entry?.refreshError?.code === 'offline')) {
    void stores.caseDetails.getState().load(domain, open);
  }
}

/** A signed-out domain leaves nothing behind in the window. */
export function forgetDomain(stores: AppStores, domain: string): void {
  stores.caseLists.getState().forget(domain);
  stores.caseDetails.getState().forget(domain);
  stores.caseActions.getState().forget(domain);
  stores.transfers.getState().forget(domain);
  stores.customers.getState().forget(domain);
  stores.drafts.getState().forget(domain);
  stores.outbox.getState().forget(domain);
  stores.readMarks.getState().forget(domain);
  stores.diagnostics.getState().forget(domain);
  stores.ui.getState().openCaseIn(domain, null);
}
