import type { PartnerDeskClient } from '../ipc/partner-desk-client';
import { createAccountsStore } from './accounts-store';
import { createCaseDetailStore } from './case-detail-store';
import { createCaseListStore } from './case-list-store';
import { createCustomersStore } from './customers-store';
import { createNewCaseStore } from './new-case-store';
import { createSettingsStore } from './settings-store';
import { createSyncStore } from './sync-store';
import { createUiStore } from './ui-store';

/** Every store of the window, built around one client. */
export function createAppStores(client: PartnerDeskClient) {
  return {
    client,
    accounts: createAccountsStore(client),
    settings: createSettingsStore(client),
    caseLists: createCaseListStore(client),
    caseDetails: createCaseDetailStore(client),
    customers: createCustomersStore(client),
    newCase: createNewCaseStore(client),
    sync: createSyncStore(client),
    ui: createUiStore(),
  };
}

export type AppStores = ReturnType<typeof createAppStores>;
