import type { CaseDetail } from '../../../shared/model/case';
import type { AppStores } from '../../store/app-stores';
import type { DraftCustomer } from '../../store/new-case-store';

/** Every entry point (domain header, a customer, Ctrl/Cmd+N) opens the flow this way. */
export function openNewCase(stores: AppStores, domain: string, customer?: DraftCustomer): void {
  stores.newCase.getState().start(domain, customer);
  stores.ui.getState().showDialog({ kind: 'new-case', domain });
}

/**
 * After case:create: the flow closes and the new (pending) case opens, in its customer's
 * list when a customer's list was on screen, so the user sees it where they look.
 */
export function showFiledCase(stores: AppStores, domain: string, created: CaseDetail): void {
  stores.ui.getState().closeDialog();
  stores.caseDetails.getState().apply(domain, created);
  const scope = stores.caseLists.getState().lists[domain]?.customerId;
  if (scope !== undefined && scope !== created.customerId) {
    stores.caseLists.getState().setScope(domain, created.customerId);
  }
  stores.caseLists.getState().refresh(domain);
  stores.ui.getState().openCaseIn(domain, created.name);
}
