import type { PartnerDeskClient } from '../ipc/partner-desk-client';
import { createAccountsStore } from './accounts-store';
import { createCaseActionsStore } from './case-actions-store';
import { createCaseDetailStore } from './case-detail-store';
import { createCaseListStore } from './case-list-store';
import { createCustomersStore } from './customers-store';
import { createNewCaseStore } from './new-case-store';
import { createOutboxStore } from './outbox-store';
import { createSettingsStore } from './settings-store';
import { createSyncStore } from './sync-store';
import { createTransfersStore } from './transfers-store';
import { createUiStore } from './ui-store';

/** Every store of the window, built around one client. */
export function createAppStores(client: PartnerDeskClient) {
  const caseLists = createCaseListStore(client);
  const caseDetails = createCaseDetailStore(client);
  return {
    client,
    accounts: createAccountsStore(client),
    settings: createSettingsStore(client),
    caseLists,
    caseDetails,
    caseActions: createCaseActionsStore(client, { caseDetails, caseLists }),
    transfers: createTransfersStore(client, { caseDetails, caseLists }),
    customers: createCustomersStore(client),
    newCase: createNewCaseStore(client),
    outbox: createOutboxStore(client),
    sync: createSyncStore(client),
    ui: createUiStore(),
  };
}

export type AppStores = ReturnType<typeof createAppStores>;
