import type { PartnerDeskClient } from '../ipc/partner-desk-client';
import { createAccountsStore } from './accounts-store';
import { createBackendStore } from './backend-store';
import { createCaseActionsStore } from './case-actions-store';
import { createCaseDetailStore } from './case-detail-store';
import { createCaseListStore } from './case-list-store';
import { createCoreLinkStore } from './core-link-store';
import { createCustomersStore } from './customers-store';
import { createDiagnosticsStore } from './diagnostics-store';
import { createDraftSaver } from './draft-saver';
import { createDraftsStore } from './drafts-store';
import { createNewCaseStore } from './new-case-store';
import { createNoticesStore } from './notices-store';
import { createOutboxStore } from './outbox-store';
import { createQueueStore } from './queue-store';
import { createReadMarksStore } from './read-marks-store';
import { createSettingsStore } from './settings-store';
import { createSyncStore } from './sync-store';
import { createTransfersStore } from './transfers-store';
import { createUiStore } from './ui-store';

/** Every store of the window, built around one client. */
export function createAppStores(client: PartnerDeskClient) {
  const caseLists = createCaseListStore(client);
  const caseDetails = createCaseDetailStore(client);
  const draftSaver = createDraftSaver(client);
  const caseActions = createCaseActionsStore(client, { caseDetails, caseLists }, draftSaver);
  const newCase = createNewCaseStore(client, undefined, draftSaver);
  return {
    client,
    accounts: createAccountsStore(client),
    settings: createSettingsStore(client),
    backend: createBackendStore(client),
    caseLists,
    caseDetails,
    caseActions,
    transfers: createTransfersStore(client, { caseDetails, caseLists }),
    customers: createCustomersStore(client),
    newCase,
    draftSaver,
    drafts: createDraftsStore(client, draftSaver, (domain, drafts) => {
      newCase.getState().adoptStored(domain, drafts);
      caseActions.getState().adoptStored(domain, drafts);
    }),
    outbox: createOutboxStore(client),
    sync: createSyncStore(client),
    notices: createNoticesStore(client),
    ui: createUiStore(),
    coreLink: createCoreLinkStore(client),
    queue: createQueueStore(client),
    readMarks: createReadMarksStore(client, caseLists),
    diagnostics: createDiagnosticsStore(client),
  };
}

export type AppStores = ReturnType<typeof createAppStores>;
