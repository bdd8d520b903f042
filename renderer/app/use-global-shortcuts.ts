import { useEffect } from 'react';
import { openNewCase } from '../features/new-case/open-new-case';
import type { AppStores } from '../store/app-stores';

/** Ctrl/Cmd+0: the All-domains tab; Ctrl/Cmd+1..9: the n-th domain tab; Ctrl/Cmd+F: the keyword filter; Ctrl/Cmd+N: New case in the tab on screen. */
export function useGlobalShortcuts(stores: AppStores): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (!mod || event.altKey || document.querySelector('dialog[open]')) return;
      if (event.key === '0') {
        // Also keeps the browser preview from resetting its zoom.
        event.preventDefault();
        stores.accounts.getState().activateQueue();
      } else if (/^[1-9]$/.test(event.key)) {
        event.preventDefault();
        stores.accounts.getState().activateIndex(Number(event.key) - 1);
      } else if (event.key.toLowerCase() === 'f' && !event.shiftKey) {
        event.preventDefault();
        stores.ui.getState().requestSearchFocus();
      } else if (event.key.toLowerCase() === 'n' && !event.shiftKey) {
        const domain = stores.accounts.getState().activeDomain;
        if (!domain) return;
        // Also keeps the browser preview from opening a new window.
        event.preventDefault();
        const scope = stores.caseLists.getState().lists[domain]?.customerId;
        const customer = stores.customers.getState().lists[domain]?.customers?.find((c) => c.customerId === scope);
        openNewCase(stores, domain, customer);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [stores]);
}
