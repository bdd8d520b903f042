import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppStores } from './app-stores';
import type { AccountsState } from './accounts-store';
import type { BackendState } from './backend-store';
import type { CaseActionsState } from './case-actions-store';
import type { CaseDetailState } from './case-detail-store';
import type { CaseListState } from './case-list-store';
import type { CoreLinkState } from './core-link-store';
import type { CustomersState } from './customers-store';
import type { DiagnosticsState } from './diagnostics-store';
import type { DraftsState } from './drafts-store';
import type { NewCaseState } from './new-case-store';
import type { NoticesState } from './notices-store';
import type { OutboxState } from './outbox-store';
import type { QueueState } from './queue-store';
import type { ReadMarksState } from './read-marks-store';
import type { SettingsState } from './settings-store';
import type { SyncState } from './sync-store';
import type { TransfersState } from './transfers-store';
import type { UiState } from './ui-store';

export const StoresContext = createContext<AppStores | null>(null);

export function useStores(): AppStores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores outside <StoresContext.Provider>');
  return stores;
}

export const useAccounts = <T,>(selector: (state: AccountsState) => T): T => useStore(useStores().accounts, selector);
export const useSettings = <T,>(selector: (state: SettingsState) => T): T => useStore(useStores().settings, selector);
export const useBackend = <T,>(selector: (state: BackendState) => T): T => useStore(useStores().backend, selector);
export const useCaseLists = <T,>(selector: (state: CaseListState) => T): T => useStore(useStores().caseLists, selector);
export const useCaseDetails = <T,>(selector: (state: CaseDetailState) => T): T =>
  useStore(useStores().caseDetails, selector);
export const useCaseActions = <T,>(selector: (state: CaseActionsState) => T): T =>
  useStore(useStores().caseActions, selector);
export const useTransfers = <T,>(selector: (state: TransfersState) => T): T =>
  useStore(useStores().transfers, selector);
export const useCustomers = <T,>(selector: (state: CustomersState) => T): T =>
  useStore(useStores().customers, selector);
export const useSync = <T,>(selector: (state: SyncState) => T): T => useStore(useStores().sync, selector);
export const useUi = <T,>(selector: (state: UiState) => T): T => useStore(useStores().ui, selector);
export const useDrafts = <T,>(selector: (state: DraftsState) => T): T => useStore(useStores().drafts, selector);
export const useNewCase = <T,>(selector: (state: NewCaseState) => T): T => useStore(useStores().newCase, selector);
export const useNotices = <T,>(selector: (state: NoticesState) => T): T => useStore(useStores().notices, selector);
export const useCoreLink = <T,>(selector: (state: CoreLinkState) => T): T => useStore(useStores().coreLink, selector);
export const useOutbox = <T,>(selector: (state: OutboxState) => T): T => useStore(useStores().outbox, selector);
export const useQueue = <T,>(selector: (state: QueueState) => T): T => useStore(useStores().queue, selector);
export const useReadMarks = <T,>(selector: (state: ReadMarksState) => T): T =>
  useStore(useStores().readMarks, selector);
export const useDiagnostics = <T,>(selector: (state: DiagnosticsState) => T): T =>
  useStore(useStores().diagnostics, selector);
