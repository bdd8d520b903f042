import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PartnerDeskClient } from '../ipc/partner-desk-client';

export interface CoreLinkState {
  /** The window cannot reach the app's core (main crashed, the preview's server stopped): not the network. */
  lost: boolean;
}

/** Whether the app's core answers, as the client learns it from its transport. */
export function createCoreLinkStore(client: PartnerDeskClient): StoreApi<CoreLinkState> {
  const store = createStore<CoreLinkState>(() => ({ lost: false }));
  client.onCoreLost((lost) => store.setState({ lost }));
  return store;
}
