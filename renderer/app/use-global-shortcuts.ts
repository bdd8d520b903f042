import { useEffect } from 'react';
import type { AppStores } from '../store/app-stores';

/** Ctrl/Cmd+1..9: the n-th domain tab; Ctrl/Cmd+F: the keyword filter. */
export function useGlobalShortcuts(stores: AppStores): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (!mod || event.altKey || document.querySelector('dialog[open]')) return;
      if (/^[1-9]$/.test(event.key)) {
        event.preventDefault();
        stores.accounts.getState().activateIndex(Number(event.key) - 1);
      } else if (event.key.toLowerCase() === 'f' && !event.shiftKey) {
        event.preventDefault();
        stores.ui.getState().requestSearchFocus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [stores]);
}
